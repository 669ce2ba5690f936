import { z } from 'zod';
import { projectSchema } from './schema.ts';

/** Where `npm run schema` writes the schema; example projects point their YAML editor at it. */
export const JSON_SCHEMA_FILE = 'project.schema.json';

/**
 * The JSON Schema of project.yaml as authors write it (`io: 'input'`: fields with defaults are
 * optional), with the field descriptions, so YAML editors complete keys and explain them.
 * Draft-07 because it is the draft the YAML language server supports best.
 */
export function projectJsonSchemaText(): string {
  const schema = z.toJSONSchema(projectSchema, { io: 'input', target: 'draft-07' });
  const documented = {
    ...schema,
    title: 'Rekindle project.yaml',
    description: 'Settings of one special project: its mechanic, copy, branding, gift, sharing and reactivation forecast.',
  };
  return `${JSON.stringify(documented, null, 2)}\n`;
}
