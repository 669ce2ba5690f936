import type { z } from 'zod';
import { mechanics } from '../mechanics/registry.ts';
import { buildProjectSchema } from './build-schema.ts';

export { buildProjectSchema, type ProjectConfigInputOf, type ProjectConfigOf } from './build-schema.ts';

/** The schema of project.yaml for the mechanics in src/mechanics/registry.ts. */
export const projectSchema = buildProjectSchema(mechanics);

/** A project as the app uses it: validated, defaults filled. */
export type ProjectConfig = z.output<typeof projectSchema>;
/** A project as its author writes it in project.yaml. */
export type ProjectConfigInput = z.input<typeof projectSchema>;
