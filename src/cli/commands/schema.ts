import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_FILE, projectJsonSchemaText } from '../../config/json-schema.ts';
import type { CliCommand } from '../main.ts';

const schemaFile = fileURLToPath(new URL(`../../../${JSON_SCHEMA_FILE}`, import.meta.url));

/**
 * `npm run schema`: regenerates project.schema.json, which gives authors completion and field
 * descriptions in their editor. `--check` only compares, for CI.
 */
const schema: CliCommand = {
  summary: `write ${JSON_SCHEMA_FILE}, the JSON Schema of project.yaml for editors`,
  usage: `rekindle schema [--check]   (--check: exit 1 if ${JSON_SCHEMA_FILE} is out of date, write nothing)`,
  async run(args) {
    const unknown = args.filter((arg) => arg !== '--check');
    if (unknown.length > 0) {
      console.error(`rekindle schema does not take ${unknown.join(' ')}. Usage: ${schema.usage}`);
      return 2;
    }
    const fresh = projectJsonSchemaText();
    if (args.includes('--check')) {
      const committed = await readFile(schemaFile, 'utf8').catch(() => undefined);
      if (committed === fresh) {
        console.log(`✓ ${JSON_SCHEMA_FILE} is up to date.`);
        return 0;
      }
      console.error(`✗ ${JSON_SCHEMA_FILE} is out of date with the config schema; run npm run schema.`);
      return 1;
    }
    await writeFile(schemaFile, fresh);
    console.log(`✓ Wrote ${JSON_SCHEMA_FILE} (${Math.round(fresh.length / 1024)} KB).`);
    return 0;
  },
};

export default schema;
