import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { CsvFileError, InvalidTextError, RecordReader, textChunks } from '../lib/csv-records.ts';
import { cliMessages, currentMessageLocale } from '../i18n/cli-messages.ts';
import { detectEncoding, ENCODING_LABELS, type DetectedEncoding, type TextEncodingName } from '../lib/text-encoding.ts';
import type { CsvFileWorkerData, CsvFileWorkerMessage } from './csv-file-worker.ts';
import { forEachRowOf } from './csv-row-batch.ts';

export { CsvFileError } from '../lib/csv-records.ts';

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
    .replace(/[\s_.-]+/g, ' ')
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

/** The start of the source as text, and the encoding its bytes are in (text is already decoded). */
async function peek(source: CsvSource): Promise<{ text: string; encoding: TextEncodingName }> {
  if ('text' in source) return { text: source.text.slice(0, HEADER_PEEK_BYTES), encoding: 'utf-8' };
  const handle = await open(source.path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEADER_PEEK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_PEEK_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const detected = detectEncoding(head);
  if (!detected.ok) throw new CsvFileError(source.path, undefined, refusedEncodingReason(detected));
  return { text: new TextDecoder(detected.encoding).decode(head, { stream: true }), encoding: detected.encoding };
}

function refusedEncodingReason(detected: Extract<DetectedEncoding, { ok: false }>): string {
  const messages = cliMessages().csv;
  return messages.garbled(detected.reason === 'koi8-like' ? messages.refusedKoi8 : messages.refusedLegacy, messages.saveAsUtf8);
}

/**
 * 64 kB chunks, text in the same pieces as a file: a 64 kB chunk is a string V8 keeps in the
 * young generation; 1 MB chunks went to the large-object space and piled up (60 MB more) until
 * the next full collection.
 */
const CHUNK_BYTES = 1 << 16;

function openStream(source: CsvSource): Readable {
  if ('text' in source) return Readable.from(piecesOf(Buffer.from(source.text)));
  return createReadStream(source.path, { highWaterMark: CHUNK_BYTES });
}

function* piecesOf(bytes: Buffer): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) yield bytes.subarray(start, start + CHUNK_BYTES);
}

/** Which field index holds each known column; refuses missing required and doubled columns. */
function mapHeader<Key extends string>(file: string, header: string[], columns: readonly ColumnSpec<Key>[]): Map<Key, number> {
  const indexes = new Map<Key, number>();
  header.forEach((raw, index) => {
    const normalized = normalizeHeader(raw);
    const column = columns.find((spec) => spec.aliases.some((alias) => normalizeHeader(alias) === normalized));
    if (!column) return;
    if (indexes.has(column.key)) {
      const both = [header[indexes.get(column.key) ?? 0] ?? '', raw];
      throw new CsvFileError(file, 1, cliMessages().csv.doubledColumn(both, column.aliases[0] ?? column.key));
    }
    indexes.set(column.key, index);
  });
  const missing = columns.filter((spec) => spec.required && !indexes.has(spec.key));
  if (missing.length > 0) {
    const wanted = missing.map((spec) => ({ canonical: spec.aliases[0] ?? spec.key, aliases: spec.aliases.slice(1, 6) }));
    throw new CsvFileError(file, 1, cliMessages().csv.missingColumns(wanted, header));
  }
  return indexes;
}

/**
 * Streams the rows of a CSV export to `onRow`: encoding detected (UTF-8 with or without BOM,
 * UTF-16, Windows-1251; see text-encoding.ts), delimiter detected from the header, CRLF, LF or
 * lone CR, quoted fields with delimiters, quotes and line breaks, blank lines skipped, headers
 * matched by alias, every known value trimmed. Memory stays flat however long the file is.
 * Resolves with the number of data rows and the encoding; rejects with CsvFileError for an
 * unreadable file (or one in an encoding it cannot read). A file is parsed on a worker thread (csv-file-worker.ts) while `onRow` runs
 * here, so on two cores the parsing and the handling of rows overlap; text is parsed in this
 * thread.
 */
export async function readCsvRows<Key extends string>(
  source: CsvSource,
  columns: readonly ColumnSpec<Key>[],
  onRow: (row: CsvRow<Key>) => void,
): Promise<CsvReadSummary> {
  return 'path' in source ? readCsvFileInWorker(source.path, columns, onRow) : parseCsvStream(source, columns, onRow);
}

/** Chunks of the file on their way to the parser; the worker paces them to the importer. */
export type ChunkPacer = (chunks: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;

/**
 * readCsvRows in the calling thread. PapaParse's parser reads the text a chunk at a time:
 * it finds delimiters, quotes and line ends with indexOf instead of looking at every
 * character, which makes it about 2.5 times as fast as csv-parse on a large export. This
 * drives Papa.Parser, the core Papa's own streamers drive (exported and typed, though not in
 * its guide), so the worker paces the chunks and each error is tied to its record. Lines end
 * at LF: a CR before it is trimmed off with the value (or is space after a closing quote),
 * and a lone CR becomes LF before parsing (see textChunks).
 */
export async function parseCsvStream<Key extends string>(
  source: CsvSource,
  columns: readonly ColumnSpec<Key>[],
  onRow: (row: CsvRow<Key>) => void,
  pace?: ChunkPacer,
): Promise<CsvReadSummary> {
  const file = sourceName(source);
  const head = await peek(source);
  const parser = new Papa.Parser({ delimiter: detectDelimiter(head.text), newline: '\n' });
  let header: { indexes: [Key, number][]; width: number } | undefined;
  let rows = 0;
  const records = new RecordReader(file, (record, line) => {
    if (!header) {
      header = {
        indexes: [
          ...mapHeader(
            file,
            record.map((name) => name.trim()),
            columns,
          ),
        ],
        width: record.length,
      };
      return;
    }
    const values = knownValues(record, header.indexes);
    if (values === undefined) return;
    rows++;
    onRow({ line, values, extraFields: Math.max(0, record.length - header.width) });
  });
  let unparsed = '';
  const chunks = pace ? pace(openStream(source)) : openStream(source);
  try {
    for await (const text of textChunks(chunks, head.encoding)) {
      unparsed = records.read(parser, unparsed + text, false);
      if (unparsed.length > MAX_RECORD_CHARACTERS) {
        const line = records.nextLine;
        throw new CsvFileError(file, line, cliMessages().csv.recordTooLong(line));
      }
    }
  } catch (error) {
    if (!(error instanceof InvalidTextError)) throw error;
    const line = records.nextLine + lineBreaks(unparsed + error.validText);
    const messages = cliMessages().csv;
    throw new CsvFileError(file, line, messages.mixedEncodings(ENCODING_LABELS[head.encoding], line, messages.saveAsUtf8));
  }
  records.read(parser, unparsed, true);
  if (!header) throw new CsvFileError(file, undefined, cliMessages().csv.empty);
  return { rows, encoding: head.encoding };
}

/** What a read of the CSV tells besides its rows. */
export interface CsvReadSummary {
  /** Data rows (blank lines not counted). */
  rows: number;
  /** The encoding the file was read in; text sources count as UTF-8. */
  encoding: TextEncodingName;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
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

function readCsvFileInWorker<Key extends string>(
  path: string,
  columns: readonly ColumnSpec<Key>[],
  onRow: (row: CsvRow<Key>) => void,
): Promise<CsvReadSummary> {
  const keys = columns.map((column) => column.key);
  const workerData: CsvFileWorkerData = { path, columns, messageLocale: currentMessageLocale() };
  const worker = new Worker(new URL('./csv-file-worker.ts', import.meta.url), { workerData });
  return new Promise<CsvReadSummary>((resolve, reject) => {
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
      if (message.kind === 'done') settle(() => resolve(message.summary));
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
