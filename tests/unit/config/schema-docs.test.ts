import { describe, expect, it } from 'vitest';
import { projectJsonSchemaText } from '../../../src/config/json-schema.ts';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  examples?: unknown[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode | JsonSchemaNode[];
  additionalProperties?: JsonSchemaNode | boolean;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  $ref?: string;
}

interface Field {
  path: string;
  node: JsonSchemaNode;
}

/** Every property of every object in the schema, through unions (mechanics, gifts) and arrays. */
function fieldsOf(node: JsonSchemaNode, path = ''): Field[] {
  const nested = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])].flatMap((branch) => fieldsOf(branch, path));
  const items = node.items === undefined ? [] : [node.items].flat().flatMap((item) => fieldsOf(item, `${path}[]`));
  const values = typeof node.additionalProperties === 'object' ? fieldsOf(node.additionalProperties, `${path}.*`) : [];
  const own = Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const childPath = path === '' ? key : `${path}.${key}`;
    return [{ path: childPath, node: child }, ...fieldsOf(child, childPath)];
  });
  return [...nested, ...items, ...values, ...own];
}

/**
 * An object (or a choice of objects, such as the gift kinds) is explained by its fields;
 * anything else an author types needs an example of its own.
 */
function isPlainObject(node: JsonSchemaNode): boolean {
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return branches.every(isPlainObject);
  return node.type === 'object' && node.properties !== undefined;
}

const schema = JSON.parse(projectJsonSchemaText()) as JsonSchemaNode;
const fields = fieldsOf(schema);

describe('project.schema.json explains every field', () => {
  it('walks the fields of every mechanic and gift kind', () => {
    expect(fields.length).toBeGreaterThan(80);
  });

  it('has a description for every field', () => {
    const undescribed = [...new Set(fields.filter(({ node }) => !node.$ref && !node.description?.trim()).map(({ path }) => path))];
    expect(undescribed).toEqual([]);
  });

  it('has an example (or the fixed values) for every field that is not an object of fields', () => {
    const withoutExample = fields.filter(
      ({ node }) => !node.$ref && !isPlainObject(node) && !(node.examples?.length || node.const !== undefined || node.enum?.length),
    );
    expect([...new Set(withoutExample.map(({ path }) => path))]).toEqual([]);
  });

  it('explains in the description every {placeholder} its examples use', () => {
    const unexplained = fields.flatMap(({ path, node }) => {
      const placeholders = new Set(JSON.stringify(node.examples ?? []).match(/\{[a-zA-Z]+\}/g) ?? []);
      return [...placeholders]
        .filter((placeholder) => !node.description?.includes(placeholder))
        .map((placeholder) => `${path}: ${placeholder}`);
    });
    expect(unexplained).toEqual([]);
  });
});
