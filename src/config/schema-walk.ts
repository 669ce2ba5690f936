import { z } from 'zod';
import { projectFiles } from './schemas/common.ts';

type Schema = z.core.$ZodType;
/** A path inside the config, as in a mechanic's ConfigProblem: ['questions', 3, 'answer']. */
export type ConfigPath = (string | number)[];

/**
 * The schemas a value passes through, outermost first: wrappers (optional, default, pipe…) are
 * peeled off and a union is replaced by the branch the value belongs to. The last one is the
 * schema that gives the value its shape.
 */
function layersOf(schema: Schema, value: unknown): Schema[] {
  const layers: Schema[] = [];
  let current: Schema | undefined = schema;
  while (current) {
    layers.push(current);
    current = innerSchema(current, value);
  }
  return layers;
}

function innerSchema(schema: Schema, value: unknown): Schema | undefined {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType;
    case 'pipe':
      // z.preprocess puts the transform first; otherwise the input side carries the structure.
      return (def.in as z.core.$ZodTypes)._zod.def.type === 'transform' ? def.out : def.in;
    case 'lazy':
      return def.getter();
    case 'union':
      return unionBranch(def, value);
    default:
      return undefined;
  }
}

function unionBranch(def: z.core.$ZodUnionDef, value: unknown): Schema | undefined {
  const discriminator = (def as Partial<z.core.$ZodDiscriminatedUnionDef>).discriminator;
  if (discriminator !== undefined && isRecord(value)) {
    // Chosen by the discriminator alone, so an invalid value still finds its branch (for hints).
    const tag = value[discriminator];
    return def.options.find((option) => option._zod.propValues?.[discriminator]?.has(tag as never));
  }
  return def.options.find((option) => z.safeParse(option, value).success);
}

/** The schema that validates the value found at `key` inside `value`. */
function childSchema(schema: Schema, value: unknown, key: string | number): Schema | undefined {
  const shaped = layersOf(schema, value).at(-1);
  if (!shaped) return undefined;
  const def = (shaped as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object':
      return def.shape[key] ?? def.catchall;
    case 'array':
      return def.element;
    case 'record':
      return def.valueType;
    case 'tuple':
      return typeof key === 'number' ? (def.items[key] ?? def.rest ?? undefined) : undefined;
    default:
      return undefined;
  }
}

/** Keys an object at `path` may have, following the author's (possibly invalid) input. */
export function allowedKeysAt(root: Schema, input: unknown, path: ConfigPath): string[] | undefined {
  let schema: Schema | undefined = root;
  let value = input;
  for (const key of path) {
    if (!schema) return undefined;
    schema = childSchema(schema, value, key);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  if (!schema) return undefined;
  const shaped = layersOf(schema, value).at(-1);
  const def = shaped && (shaped as z.core.$ZodTypes)._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape) : undefined;
}

export interface ProjectFileReference {
  path: ConfigPath;
  value: string;
  expects: 'file' | 'folder';
}

/**
 * Every value in a parsed config whose schema is marked in `projectFiles`, wherever it sits:
 * shared fields, gifts inside gift rules, or a mechanic's own fields.
 */
export function findProjectFiles(schema: Schema, value: unknown, path: ConfigPath = []): ProjectFileReference[] {
  if (value === undefined || value === null) return [];
  const layers = layersOf(schema, value);
  const mark = layers.map((layer) => projectFiles.get(layer)).find((meta) => meta !== undefined);
  if (mark && typeof value === 'string') return [{ path, value, expects: mark.expects }];
  const shaped = layers.at(-1);
  if (!shaped) return [];
  const children: [string | number, unknown][] = isRecord(value)
    ? Object.entries(value)
    : Array.isArray(value)
      ? value.map((child, index) => [index, child])
      : [];
  return children.flatMap(([key, child]) => {
    const childType = childSchema(shaped, value, key);
    return childType ? findProjectFiles(childType, child, [...path, key]) : [];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
