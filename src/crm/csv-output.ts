import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { removeStalePartials } from './stale-partials.ts';

type Cell = string | number | boolean | undefined;

/** One CSV line (RFC 4180, comma-separated, `\n`-terminated); empty for undefined. */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    if (index > 0) line += ',';
    line += csvCell(cells[index]);
  }
  return `${line}\n`;
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(cell: Cell): string {
  if (cell === undefined) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CHUNK_BYTES = 1 << 20;
const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

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
  #handle: FileHandle | undefined;
  #chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;
  readonly #full: Buffer[] = [];
  readonly #spare: Buffer[] = [];

  private constructor(path: string, temporary: string, handle: FileHandle) {
    this.path = path;
    this.#temporary = temporary;
    this.#handle = handle;
  }

  static async open(path: string): Promise<AtomicCsvWriter> {
    await removeStalePartials(path);
    const temporary = `${path}.${process.pid}.partial`;
    return new AtomicCsvWriter(path, temporary, await open(temporary, 'w'));
  }

  /**
   * Buffers one line. Returns a promise only when a megabyte is ready to go to disk: awaiting
   * a million already-resolved promises would cost more than the writing.
   */
  writeLine(cells: readonly WriterCell[]): Promise<void> | undefined {
    for (let index = 0; index < cells.length; index++) {
      if (index > 0) this.#byte(COMMA);
      const cell = cells[index];
      if (cell instanceof Uint8Array) this.#bytesCell(cell);
      else if (cell !== undefined) this.#text(csvCell(cell));
    }
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
    for (const byte of bytes) {
      if (byte === COMMA || byte === QUOTE || byte === LF || byte === CR) {
        this.#text(csvCell(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')));
        return;
      }
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
