import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_FILE, projectJsonSchemaText } from '../../../src/config/json-schema.ts';

describe('project.schema.json', () => {
  it('is committed exactly as `npm run schema` generates it now', async () => {
    const committed = await readFile(JSON_SCHEMA_FILE, 'utf8');
    // If this fails, the config schema changed: run `npm run schema` and commit the result.
    expect(committed).toBe(projectJsonSchemaText());
  });

  it('describes fields for editors and lets authors omit fields with defaults', () => {
    const schema = JSON.parse(projectJsonSchemaText());
    const quiz = schema.oneOf.find(
      (branch: { properties: { kind: { const?: string } } }) => branch.properties.kind.const === 'true-false-quiz',
    );
    expect(quiz.properties.slug.description).toBe('URL name of the project; must equal the folder name.');
    expect(quiz.required).toContain('slug');
    expect(quiz.required).not.toContain('locale');
    expect(quiz.additionalProperties).toBe(false);
  });
});
