import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { removeStalePartials } from './stale-partials.ts';

type Cell = string | number | boolean | undefined;

/** How a CSV file is written: the plain form tools read, or the form Russian Excel opens cleanly. */
export interface CsvDialect {
  delimiter: ',' | ';';
  lineEnd: '\n' | '\r\n';
  /** A UTF-8 BOM first: without it Excel reads the file as Windows-1251 and garbles every name. */
  bom: boolean;
}

/** RFC 4180 with LF line ends: for the email service's mail merge and other programs. */
export const PLAIN_CSV: CsvDialect = { delimiter: ',', lineEnd: '\n', bom: false };
/**
 * What Russian Excel opens by double-click with its columns and Cyrillic intact: it expects the
 * semicolon (the comma is its decimal separator), CRLF, and a BOM to take the file for UTF-8.
 */
export const EXCEL_CSV: CsvDialect = { delimiter: ';', lineEnd: '\r\n', bom: true };

export type CsvFormat = 'plain' | 'excel';
export const CSV_FORMATS: Record<CsvFormat, CsvDialect> = { plain: PLAIN_CSV, excel: EXCEL_CSV };

const UTF8_BOM = '\uFEFF';

/** One CSV line in `dialect`, ended by its line end; empty for undefined. */
export function csvLine(cells: readonly Cell[], dialect: CsvDialect = PLAIN_CSV): string {
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    if (index > 0) line += dialect.delimiter;
    line += csvCell(cells[index], dialect);
  }
  return line + dialect.lineEnd;
}

/** What a file in `dialect` starts with before its first line. */
export function csvPreamble(dialect: CsvDialect): string {
  return dialect.bom ? UTF8_BOM : '';
}

const NEEDS_QUOTES = { ',': /[",\r\n]/, ';': /[";\r\n]/ } as const;

function csvCell(cell: Cell, dialect: CsvDialect): string {
  if (cell === undefined) return '';
  const text = withoutFormula(String(cell));
  return NEEDS_QUOTES[dialect.delimiter].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A spreadsheet takes a cell starting with one of these for a formula (or, for tab and CR, strips them first). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A phone number or a signed amount: digits, spaces, brackets, dots and dashes after an optional
 * sign. It starts with + or -, but a formula made only of these can neither call a function nor
 * link anywhere, so it stays as written: the email service must get `+7 999 123-45-67`, not
 * `'+7 999 123-45-67`.
 */
const PHONE_OR_NUMBER = /^[+-]?[\d\s().-]*\d[\d\s().-]*$/;

/**
 * The cell as spreadsheet users expect to see untrusted text: a value that would start a formula
 * (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3+cmd|…`) gets a leading apostrophe, which Excel and
 * LibreOffice read as «this is text» and do not show. Names and segments come from CRM exports
 * that anyone who filled in a form could have written into.
 */
export function withoutFormula(text: string): string {
  return FORMULA_START.test(text) && !PHONE_OR_NUMBER.test(text) ? `'${text}` : text;
}

const CHUNK_BYTES = 1 << 20;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const [EQUALS, PLUS, MINUS, AT] = ['=', '+', '-', '@'].map((char) => char.charCodeAt(0));

/** A finished CSV file waiting beside its target under a temporary name. */
export interface StagedFile {
  path: string;
  temporary: string;
}

/** Puts a staged file in place of its target, atomically. */
export async function commitStaged(file: StagedFile): Promise<void> {
  await rename(file.temporary, file.path);
}

/** Drops a staged file; its target keeps its old content. */
export async function discardStaged(file: StagedFile): Promise<void> {
  await rm(file.temporary, { force: true });
}

/** A cell for AtomicCsvWriter: text, a number, or text already encoded as UTF-8 bytes. */
export type WriterCell = Cell | Uint8Array;

/**
 * Writes a CSV file so that readers see either the old file or the whole new one: lines go to a
 * temporary file beside it, which replaces the target only when the staged file is committed.
 * Lines are encoded straight into a byte buffer, and cells given as UTF-8 bytes are copied
 * without decoding.
 */
export class AtomicCsvWriter {
  readonly path: string;
  readonly #temporary: string;
  readonly #dialect: CsvDialect;
  readonly #delimiter: number;
  #handle: FileHandle | undefined;
  #chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;
  readonly #full: Buffer[] = [];
  readonly #spare: Buffer[] = [];

  private constructor(path: string, temporary: string, handle: FileHandle, dialect: CsvDialect) {
    this.path = path;
    this.#temporary = temporary;
    this.#handle = handle;
    this.#dialect = dialect;
    this.#delimiter = dialect.delimiter.charCodeAt(0);
    this.#text(csvPreamble(dialect));
  }

  static async open(path: string, dialect: CsvDialect = PLAIN_CSV): Promise<AtomicCsvWriter> {
    await removeStalePartials(path);
    const temporary = `${path}.${process.pid}.partial`;
    return new AtomicCsvWriter(path, temporary, await open(temporary, 'w'), dialect);
  }

  /**
   * Buffers one line. Returns a promise only when a megabyte is ready to go to disk: awaiting
   * a million already-resolved promises would cost more than the writing.
   */
  writeLine(cells: readonly WriterCell[]): Promise<void> | undefined {
    for (let index = 0; index < cells.length; index++) {
      if (index > 0) this.#byte(this.#delimiter);
      const cell = cells[index];
      if (cell instanceof Uint8Array) this.#bytesCell(cell);
      else if (cell !== undefined) this.#text(csvCell(cell, this.#dialect));
    }
    if (this.#dialect.lineEnd === '\r\n') this.#byte(CR);
    this.#byte(LF);
    return this.#full.length > 0 ? this.#flush(false) : undefined;
  }

  /**
   * Writes out the rest and makes the temporary file durable; the target is untouched until
   * `commitStaged`. The staged file is plain data, so another thread may commit it.
   */
  async finish(): Promise<StagedFile> {
    await this.#flush(true);
    const handle = this.#opened();
    await handle.sync();
    await handle.close();
    this.#handle = undefined;
    return { path: this.path, temporary: this.#temporary };
  }

  /** Drops the temporary file; the target keeps its old content. */
  async discard(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
    await rm(this.#temporary, { force: true });
  }

  #bytesCell(bytes: Uint8Array): void {
    const first = bytes[0];
    let plain = !(first === EQUALS || first === PLUS || first === MINUS || first === AT || first === TAB || first === CR);
    for (let index = 0; plain && index < bytes.length; index++) {
      const byte = bytes[index];
      if (byte === this.#delimiter || byte === QUOTE || byte === LF || byte === CR) plain = false;
    }
    if (!plain) {
      this.#text(csvCell(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), this.#dialect));
      return;
    }
    this.#room(bytes.length);
    this.#chunk.set(bytes, this.#used);
    this.#used += bytes.length;
  }

  #text(text: string): void {
    this.#room(text.length * 3);
    this.#used += this.#chunk.write(text, this.#used, 'utf8');
  }

  #byte(byte: number): void {
    this.#room(1);
    this.#chunk[this.#used++] = byte;
  }

  /** Starts a new chunk when the current one cannot take `bytes` more. */
  #room(bytes: number): void {
    if (this.#used + bytes <= this.#chunk.length) return;
    this.#finishChunk(Math.max(CHUNK_BYTES, bytes));
  }

  /**
   * Queues the filled part of the chunk for writing and continues in another buffer, so queued
   * bytes never change; buffers come back for reuse once written, since a hundred megabytes of
   * output in fresh buffers would wait for a garbage collection to be freed.
   */
  #finishChunk(nextSize: number): void {
    this.#full.push(this.#chunk.subarray(0, this.#used));
    const spare = this.#spare.pop();
    this.#chunk = spare && spare.length >= nextSize ? spare : Buffer.allocUnsafe(nextSize);
    this.#used = 0;
  }

  async #flush(withPartialChunk: boolean): Promise<void> {
    if (withPartialChunk && this.#used > 0) this.#finishChunk(0);
    const chunks = this.#full.splice(0);
    const handle = this.#opened();
    for (const chunk of chunks) {
      await handle.writeFile(chunk);
      if (chunk.buffer.byteLength === CHUNK_BYTES) this.#spare.push(Buffer.from(chunk.buffer, chunk.byteOffset, CHUNK_BYTES));
    }
  }

  #opened(): FileHandle {
    if (!this.#handle) throw new Error(`${this.path} was already finished or discarded.`);
    return this.#handle;
  }
}
