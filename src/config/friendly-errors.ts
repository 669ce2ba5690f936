import { z } from 'zod';
import { cliMessages } from '../i18n/cli-messages.ts';
import { allowedKeysAt, type ConfigPath } from './schema-walk.ts';

/**
 * Turns zod issues into one plain sentence per problem, written for a marketer editing YAML:
 * «expected true or false, got "yes"», «expected one of booklet, promo-code, file, link»,
 * «unknown key "colour"; did you mean "color"?». Modelled on starlight's utils/error-map.ts.
 */

export interface SchemaProblem {
  path: ConfigPath;
  message: string;
}

export type FriendlyParseResult<T> = { success: true; data: T } | { success: false; problems: SchemaProblem[] };

export function parseWithFriendlyErrors<S extends z.core.$ZodType>(schema: S, input: unknown): FriendlyParseResult<z.output<S>> {
  const result = z.safeParse(schema, input, { error: friendlyErrorMap, reportInput: true });
  if (result.success) return { success: true, data: result.data };
  const drafts = result.error.issues.flatMap((issue) => problemsOf(issue, schema, input));
  // «brandname: unknown key; did you mean brandName?» already says what «brandName: missing» would.
  const suggested = new Set(drafts.map((draft) => draft.suggests).filter((path) => path !== undefined));
  const problems = drafts
    .filter((draft) => !(draft.missing && suggested.has(formatPath(draft.path))))
    .map(({ path, message }) => ({ path, message }));
  return { success: false, problems };
}

interface DraftProblem extends SchemaProblem {
  /** The field is absent (rather than wrong). */
  missing?: boolean;
  /** For an unknown key: the formatted path of the valid key it probably meant. */
  suggests?: string;
}

function configPath(path: readonly PropertyKey[]): ConfigPath {
  return path.map((key) => (typeof key === 'symbol' ? String(key) : key));
}

/** `questions[3].answer` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * Messages for issues whose schema gave none. Schema-level messages (e.g. the colour regex's
 * «expected a hex colour like #e30613») take precedence over this map, by zod's design.
 */
const friendlyErrorMap: z.core.$ZodErrorMap = (issue) => {
  const words = cliMessages().validator;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return words.missing(words.expected(typeNoun(issue.expected)));
      return issue.expected === 'string' && isUnquotedPlaceholder(issue.input)
        ? `${words.expected(typeNoun('string'))}${words.got}${describeValue(issue.input)}; ${cliMessages().validate.quotePlaceholder(`'{${Object.keys(issue.input).join('}, {')}}'`)}`
        : words.expected(typeNoun(issue.expected));
    case 'invalid_value':
      return expectedOneOf(issue.values);
    case 'too_small':
      return sizeMessage('at least', issue.origin, issue.minimum, issue.inclusive, issue.input);
    case 'too_big':
      return sizeMessage('at most', issue.origin, issue.maximum, issue.inclusive, issue.input);
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? words.matching(String(issue.pattern)) : words.validFormat(issue.format);
    case 'not_multiple_of':
      return words.multipleOf(String(issue.divisor));
    case 'unrecognized_keys':
      return words.unknownKeys(issue.keys.map(quote));
    default:
      return undefined;
  }
};

function problemsOf(issue: z.core.$ZodIssue, schema: z.core.$ZodType, input: unknown): DraftProblem[] {
  const path = configPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeyProblems(issue.keys, path, schema, input);
    case 'invalid_union':
      return [unionProblem(issue, path)];
    default: {
      const received = RECEIVED_MATTERS.has(issue.code) ? issue.input : undefined;
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return [{ path, message: withReceived(issue.message, received), missing }];
    }
  }
}

/** Issues where the value the author wrote helps to see the mistake. */
const RECEIVED_MATTERS = new Set<z.core.$ZodIssue['code']>(['invalid_type', 'invalid_value', 'invalid_format']);

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (current, key) => (isObjectLike(current) ? (current as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );
}

/** One problem per unknown key, pointing at the key itself, with the closest valid key if obvious. */
function unknownKeyProblems(keys: readonly string[], path: ConfigPath, schema: z.core.$ZodType, input: unknown): DraftProblem[] {
  const allowed = allowedKeysAt(schema, input, path) ?? [];
  return keys.map((key) => {
    const words = cliMessages().validator;
    const suggestion = closestKey(key, allowed);
    const hint = suggestion
      ? words.didYouMean(quote(suggestion))
      : allowed.length > 0 && allowed.length <= 10
        ? words.allowedKeys(allowed)
        : '';
    const problem: DraftProblem = { path: [...path, key], message: `${words.unknownKeys([quote(key)])}${hint}` };
    if (suggestion) problem.suggests = formatPath([...path, suggestion]);
    return problem;
  });
}

/**
 * A union failure becomes one line. A discriminated union names its allowed kinds; other unions
 * report the branch that came closest, so the author sees the one fix that matters.
 */
function unionProblem(issue: z.core.$ZodIssueInvalidUnion, path: ConfigPath): SchemaProblem {
  if ('options' in issue && issue.options && issue.discriminator) {
    const tag = isRecord(issue.input) ? issue.input[issue.discriminator] : undefined;
    const expected = expectedOneOf(issue.options);
    const message = tag === undefined ? cliMessages().validator.missing(expected) : withReceived(expected, tag);
    return { path, message };
  }
  const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
  if (!closest || !isObjectLike(issue.input)) {
    return { path, message: withReceived(issue.message, issue.input) };
  }
  const received = RECEIVED_MATTERS.has(closest.code) ? valueAt(issue.input, closest.path) : undefined;
  return { path: [...path, ...configPath(closest.path)], message: withReceived(closest.message, received) };
}

function withReceived(message: string, received: unknown): string {
  const { got } = cliMessages().validator;
  if (received === undefined || message.includes(got)) return message;
  return `${message}${got}${describeValue(received)}`;
}

function expectedOneOf(values: readonly unknown[]): string {
  return cliMessages().validator.oneOf(values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))));
}

function sizeMessage(
  bound: 'at least' | 'at most',
  origin: string,
  limit: number | bigint | Date,
  inclusive: boolean | undefined,
  input: unknown,
): string {
  const words = cliMessages().validator;
  const exact = words.bound[inclusive === false ? (bound === 'at least' ? 'more than' : 'less than') : bound];
  if (origin === 'string') {
    if (bound === 'at least' && Number(limit) === 1) return words.notEmpty;
    const length = typeof input === 'string' ? `${words.got}${input.length}` : '';
    return `${words.characters(exact, Number(limit))}${length}`;
  }
  if (origin === 'array') {
    const count = Array.isArray(input) ? `${words.got}${input.length}` : '';
    return `${words.items(exact, Number(limit))}${count}`;
  }
  const got = typeof input === 'number' ? `${words.got}${input}` : '';
  return `${words.numberBound(exact, String(limit))}${got}`;
}

function typeNoun(expected: string): string {
  return cliMessages().validator.nouns[expected] ?? expected;
}

/** `title: {name}` without quotes: YAML reads a group of fields whose keys have no values. */
function isUnquotedPlaceholder(value: unknown): value is Record<string, null> {
  return isRecord(value) && Object.keys(value).length > 0 && Object.values(value).every((field) => field === null);
}

function describeValue(value: unknown): string {
  const { values } = cliMessages().validator;
  if (value === null) return values.empty;
  if (Array.isArray(value)) return values.list;
  if (typeof value === 'object') return values.group;
  if (typeof value === 'string') return quote(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** The valid key an unknown key most likely meant: same letters in another case, or one or two typos. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameIgnoringCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameIgnoringCase) return sameIgnoringCase;
  const tolerance = key.length <= 4 ? 1 : 2;
  const ranked = candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= tolerance)
    .sort((a, b) => a.distance - b.distance);
  const [best, runnerUp] = ranked;
  if (!best || (runnerUp && runnerUp.distance === best.distance)) return undefined;
  return best.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
