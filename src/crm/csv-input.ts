import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { CsvError, parse, type Info } from 'csv-parse';
import type { CsvFileWorkerData, CsvFileWorkerMessage } from './csv-file-worker.ts';
import { forEachRowOf } from './csv-row-batch.ts';

/** Where CSV text comes from: a file (streamed, never read whole) or a string (tests, HTTP uploads). */
export type CsvSource = { path: string } | { text: string; name?: string };

/** A column the importer understands, with the header spellings CRM exports use for it. */
export interface ColumnSpec<Key extends string = string> {
  key: Key;
  required: boolean;
  /**
   * Header spellings, compared after `normalizeHeader`: case, ё/е, spaces, `_`, `-` and `.` do
   * not matter. The first is the canonical name used in messages.
   */
  aliases: readonly string[];
}

/** One data row: its line number in the file and the trimmed value of every known column present. */
export interface CsvRow<Key extends string> {
  line: number;
  values: Partial<Record<Key, string>>;
  /** How many fields the row has beyond the header's; more means an unquoted delimiter inside a value. */
  extraFields: number;
}

/** The file cannot be read as a table at all: no header, missing required columns, broken quoting. */
export class CsvFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  /** The message without the file and line in front. */
  readonly reason: string;
  constructor(file: string, line: number | undefined, reason: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    this.name = 'CsvFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

const DELIMITER_CANDIDATES = [',', ';', '\t'] as const;
const HEADER_PEEK_BYTES = 64 * 1024;
/** A record this long is a quote left open, not data: refuse it instead of buffering the rest of the file. */
export const MAX_RECORD_CHARACTERS = 1 << 20;

export function sourceName(source: CsvSource): string {
  return 'path' in source ? source.path : (source.name ?? 'CSV text');
}

/** Lower case, ё→е, and every run of spaces, `_`, `-`, `.` as one space: `Customer_ID` = `customer id`. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s_.\-]+/g, ' ')
    .trim();
}

/**
 * The delimiter of the header line: whichever of comma, semicolon or tab occurs most often outside
 * quotes. Russian Excel exports use semicolons because the comma is the decimal separator.
 */
export function detectDelimiter(text: string): string {
  const headerLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = new Map<string, number>(DELIMITER_CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

async function peek(source: CsvSource): Promise<string> {
  if ('text' in source) return source.text.slice(0, HEADER_PEEK_BYTES);
  const handle = await open(source.path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_PEEK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_PEEK_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function openStream(source: CsvSource): Readable {
  if ('text' in source) return Readable.from([Buffer.from(source.text)]);
  return createReadStream(source.path, { highWaterMark: 1 << 20 });
}

/** Which field index holds each known column; refuses missing required and doubled columns. */
function mapHeader<Key extends string>(
  file: string,
  header: string[],
  columns: readonly ColumnSpec<Key>[],
): Map<Key, number> {
  const indexes = new Map<Key, number>();
  header.forEach((raw, index) => {
    const normalized = normalizeHeader(raw);
    const column = columns.find((spec) => spec.aliases.some((alias) => normalizeHeader(alias) === normalized));
    if (!column) return;
    if (indexes.has(column.key)) {
      throw new CsvFileError(
        file,
        1,
        `columns ${quoteList([header[indexes.get(column.key) ?? 0] ?? '', raw])} both mean ${column.aliases[0]}; keep one of them.`,
      );
    }
    indexes.set(column.key, index);
  });
  const missing = columns.filter((spec) => spec.required && !indexes.has(spec.key));
  if (missing.length > 0) {
    const wanted = missing.map((spec) => `${spec.aliases[0]} column (also accepted: ${quoteList(spec.aliases.slice(1, 6))})`);
    throw new CsvFileError(file, 1, `the header has no ${wanted.join(', no ')}; found ${quoteList(header)}.`);
  }
  return indexes;
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `«${value}»`).join(', ');
}

/**
 * Streams the rows of a CSV export to `onRow`: delimiter detected from the header, UTF-8 BOM
 * dropped, CRLF, LF or lone CR, quoted fields with delimiters, quotes and line breaks, blank
 * lines skipped, headers matched by alias, every known value trimmed. Memory stays flat however
 * long the file is. Resolves with the number of data rows; rejects with CsvFileError for an
 * unreadable file. A file is parsed on a worker thread (csv-file-worker.ts) while `onRow` runs
 * here, so on two cores the parsing and the handling of rows overlap; text is parsed in this
 * thread.
 */
export async function readCsvRows<Key extends string>(
  source: CsvSource,
  columns: readonly ColumnSpec<Key>[],
  onRow: (row: CsvRow<Key>) => void,
): Promise<number> {
  return 'path' in source ? readCsvFileInWorker(source.path, columns, onRow) : parseCsvStream(source, columns, onRow);
}

/** Chunks of the file on their way to the parser; the worker paces them to the importer. */
export type ChunkPacer = (chunks: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;

/** readCsvRows in the calling thread. */
export async function parseCsvStream<Key extends string>(
  source: CsvSource,
  columns: readonly ColumnSpec<Key>[],
  onRow: (row: CsvRow<Key>) => void,
  pace?: ChunkPacer,
): Promise<number> {
  const file = sourceName(source);
  const lines = new RecordLines();
  let header: { indexes: [Key, number][]; width: number } | undefined;
  let rows = 0;
  const parser = parse({
    delimiter: detectDelimiter(await peek(source)),
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A quote inside an unquoted field (`plain "quote"`) is kept as text, as spreadsheets read it.
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARACTERS,
    /*
     * Rows are handled here and dropped (undefined) rather than pushed down the stream: this is
     * the one place csv-parse tells a record's line without `info: true` wrapping every record in
     * two more objects, and a million stream pushes would cost seconds more.
     */
    on_record: (record: string[], context: Info) => {
      const line = lines.endOf(record, context);
      if (!header) {
        header = { indexes: [...mapHeader(file, record.map((name) => name.trim()), columns)], width: record.length };
        return undefined;
      }
      const values = knownValues(record, header.indexes);
      if (values === undefined) return undefined;
      rows++;
      onRow({ line, values, extraFields: Math.max(0, record.length - header.width) });
      return undefined;
    },
  });
  parser.resume();
  try {
    await (pace ? pipeline(openStream(source), pace, parser) : pipeline(openStream(source), parser));
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(file, error, lines);
    throw error;
  }
  if (!header) throw new CsvFileError(file, undefined, 'the file is empty; expected a header line and rows.');
  return rows;
}

/** The trimmed non-empty values of the known columns; undefined for a blank record (`;;;`). */
function knownValues<Key extends string>(record: string[], indexes: [Key, number][]): Partial<Record<Key, string>> | undefined {
  const values: Partial<Record<Key, string>> = {};
  let empty = true;
  for (const [key, index] of indexes) {
    const value = record[index]?.trim() ?? '';
    if (value !== '') {
      values[key] = value;
      empty = false;
    }
  }
  return empty && record.every((field) => field.trim() === '') ? undefined : values;
}

/**
 * Line numbers as spreadsheet users count them. csv-parse counts the lines it has read, with
 * two quirks this corrects: a CRLF inside a quoted field counts twice, and an error is reported
 * at the line where parsing stopped (the end of the file for a quote left open) rather than
 * where the broken record starts.
 */
class RecordLines {
  #lastEnd = 0;
  #emptyLinesBeforeLastEnd = 0;
  #crlfInsideQuotes = 0;

  /** The line the record ends on. */
  endOf(record: string[], context: Info): number {
    for (const field of record) if (field.includes('\r\n')) this.#crlfInsideQuotes += field.split('\r\n').length - 1;
    this.#lastEnd = context.lines - this.#crlfInsideQuotes;
    this.#emptyLinesBeforeLastEnd = context.empty_lines;
    return this.#lastEnd;
  }

  /** The first line of the record the parser could not finish: after the last one and the blank lines since. */
  startOfUnfinished(emptyLines: number): number {
    return this.#lastEnd + 1 + (emptyLines - this.#emptyLinesBeforeLastEnd);
  }
}

function unreadable(file: string, error: CsvError, lines: RecordLines): CsvFileError {
  const line = lines.startOfUnfinished(typeof error.empty_lines === 'number' ? error.empty_lines : 0);
  const reason =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `a quote opened in the record starting on line ${line} is never closed`
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? `the record starting on line ${line} is longer than 1 MB; a quote is probably left open there`
        : error.message;
  return new CsvFileError(file, line, `the CSV cannot be read (${reason}).`);
}

function readCsvFileInWorker<Key extends string>(
  path: string,
  columns: readonly ColumnSpec<Key>[],
  onRow: (row: CsvRow<Key>) => void,
): Promise<number> {
  const keys = columns.map((column) => column.key);
  const workerData: CsvFileWorkerData = { path, columns };
  const worker = new Worker(new URL('./csv-file-worker.ts', import.meta.url), { workerData });
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    // Batches already queued still arrive after a failure; they must not reach onRow.
    const fail = (error: unknown) =>
      settle(() => {
        void worker.terminate();
        reject(error);
      });
    worker.on('message', (message: CsvFileWorkerMessage) => {
      if (settled) return;
      if (message.kind === 'done') settle(() => resolve(message.rows));
      else if (message.kind === 'unreadable') fail(new CsvFileError(message.file, message.line, message.reason));
      else {
        try {
          forEachRowOf(message.batch, keys, onRow);
        } catch (error) {
          fail(error);
          return;
        }
        worker.postMessage('next');
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the CSV reader of ${path} stopped (exit code ${code}) before the end of the file`)));
  });
}
