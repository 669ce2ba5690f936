import { z } from 'zod';
import type { Mechanic } from '../mechanics/types.ts';
import { projectBaseShape } from './schemas/project.ts';

/** What the schema needs from a mechanic: its kind and its own config fields. */
export type MechanicConfigSource = Pick<Mechanic, 'kind' | 'configSchema'>;

type ProjectBaseSchema = z.ZodObject<typeof projectBaseShape, z.core.$strict>;

/**
 * A mechanic's own resolved fields. A mechanic declared as `Mechanic<Kind, Config, …>` has its
 * schema type widened by that annotation, so its `Config` parameter is the precise type; a
 * mechanic declared without the annotation keeps its precise schema type.
 */
type MechanicFields<M extends MechanicConfigSource> = string extends keyof M['configSchema']['shape']
  ? M extends Mechanic<string, infer Config, unknown, unknown>
    ? Config
    : never
  : z.output<M['configSchema']>;

/** The resolved config of a project of any of these mechanics; narrowing `kind` narrows the fields. */
export type ProjectConfigOf<Ms extends readonly MechanicConfigSource[]> = {
  [I in keyof Ms]: z.output<ProjectBaseSchema> & MechanicFields<Ms[I]>;
}[number];

/** What an author writes for a project of any of these mechanics. */
export type ProjectConfigInputOf<Ms extends readonly MechanicConfigSource[]> = {
  [I in keyof Ms]: z.input<ProjectBaseSchema> & z.input<Ms[I]['configSchema']>;
}[number];

/**
 * The schema of project.yaml: a union on `kind` whose branches merge the shared project fields
 * with each mechanic's own fields. Each branch is strict, so a typo in any key fails instead of
 * being ignored.
 */
export function buildProjectSchema<const Ms extends readonly [MechanicConfigSource, ...MechanicConfigSource[]]>(
  mechanicList: Ms,
): z.ZodType<ProjectConfigOf<Ms>, ProjectConfigInputOf<Ms>> {
  const [first, ...rest] = mechanicList.map((mechanic) => {
    const collisions = Object.keys(mechanic.configSchema.shape).filter((key) => key in projectBaseShape);
    if (collisions.length > 0) {
      throw new Error(
        `Mechanic "${mechanic.kind}" declares config fields that every project already has: ` +
          `${collisions.join(', ')}. Rename them in its configSchema.`,
      );
    }
    return z.strictObject({ ...projectBaseShape, ...mechanic.configSchema.shape });
  });
  // The static type is stated above per mechanic; zod cannot infer it from a list built at runtime.
  return z.discriminatedUnion('kind', [first!, ...rest]) as unknown as z.ZodType<ProjectConfigOf<Ms>, ProjectConfigInputOf<Ms>>;
}
