import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { cliMessages } from '../i18n/cli-messages.ts';
import type { ConfigPath } from './schema-walk.ts';

export interface YamlSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export interface YamlSource {
  /** The document as plain data; `null` for an empty file. */
  data: unknown;
  /** True when the file holds nothing but whitespace and comments. */
  isEmpty: boolean;
  syntaxProblems: YamlSyntaxProblem[];
  /**
   * The line an author should look at for a config path: the key's line when the path exists,
   * else the line of its nearest existing parent key (where a missing field belongs).
   */
  lineOf(path: ConfigPath): number | undefined;
}

export function readYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lines = text.split(/\r?\n/);
  const syntaxProblems = oncePerLine(
    document.errors.map((error) => {
      const line = error.linePos?.[0].line ?? 1;
      const hint = quotingHint(lines[line - 1] ?? '');
      return {
        line,
        column: error.linePos?.[0].col ?? 1,
        message: `${cliMessages().validator.files.invalidYaml(yamlMessage(error.message))}${hint ? `; ${hint}` : ''}`,
      };
    }),
  );
  return {
    data: syntaxProblems.length > 0 ? null : document.toJS({ maxAliasCount: 100 }),
    isEmpty: document.contents === null,
    syntaxProblems,
    lineOf: (path) => {
      const offset = offsetOf(document, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** One problem per line: a single mistake often trips the parser more than once on its line. */
function oncePerLine(problems: YamlSyntaxProblem[]): YamlSyntaxProblem[] {
  const seen = new Set<number>();
  return problems.filter((problem) => !seen.has(problem.line) && seen.add(problem.line));
}

/** `key: value` or `- value` or `- key: value`, with the value as the author wrote it. */
const VALUE_LINE = /^(\s*(?:-\s+)?(?:[^\s:'"#{[][^:#]*?:\s+)?)(.+?)\s*$/;

/**
 * What a marketer can do about the two mistakes that break most hand-written YAML: a text with
 * «: » inside, or starting with { or [, must be in quotes. Gives the line as it should be.
 */
export function quotingHint(sourceLine: string): string | undefined {
  const match = VALUE_LINE.exec(sourceLine);
  if (!match) return undefined;
  const [, prefix = '', value = ''] = match;
  if (/^['"|>]/.test(value)) return undefined;
  const messages = cliMessages().validate;
  const why = value.includes(': ') ? messages.quoteColon : /^[{[]/.test(value) ? messages.quoteBrace : undefined;
  if (!why) return undefined;
  return `${why}: ${prefix.trim()} '${value.replace(/'/g, "''")}'`;
}

/** The yaml package appends « at line 3, column 1:» and a code excerpt; the caller prints its own position. */
function yamlMessage(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

function offsetOf(document: Document, path: ConfigPath): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
