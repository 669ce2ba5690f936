import { open, rename, rm, type FileHandle } from 'node:fs/promises';

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

const FLUSH_AT = 1 << 20;

/**
 * Writes a file so that readers see either the old file or the whole new one: lines go to a
 * temporary file beside it, which replaces the target only on `commit`.
 */
export class AtomicLineWriter {
  readonly path: string;
  readonly #temporary: string;
  #handle: FileHandle | undefined;
  #buffer = '';

  private constructor(path: string, temporary: string, handle: FileHandle) {
    this.path = path;
    this.#temporary = temporary;
    this.#handle = handle;
  }

  static async open(path: string): Promise<AtomicLineWriter> {
    const temporary = `${path}.${process.pid}.partial`;
    return new AtomicLineWriter(path, temporary, await open(temporary, 'w'));
  }

  /** Buffers the line; resolves at once unless a megabyte is waiting to go to disk. */
  async write(line: string): Promise<void> {
    this.#buffer += line;
    if (this.#buffer.length >= FLUSH_AT) await this.#flush();
  }

  async commit(): Promise<void> {
    await this.#flush();
    const handle = this.#opened();
    await handle.sync();
    await handle.close();
    this.#handle = undefined;
    await rename(this.#temporary, this.path);
  }

  /** Drops the temporary file; the target keeps its old content. */
  async discard(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
    await rm(this.#temporary, { force: true });
  }

  async #flush(): Promise<void> {
    const text = this.#buffer;
    this.#buffer = '';
    await this.#opened().write(text);
  }

  #opened(): FileHandle {
    if (!this.#handle) throw new Error(`${this.path} was already committed or discarded.`);
    return this.#handle;
  }
}
