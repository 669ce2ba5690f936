import type { CsvRow } from './csv-input.ts';

/**
 * Parsed CSV rows as they cross from the parsing worker to the importing thread: numbers in
 * typed arrays (moved, not copied) and each column's values joined into one string with their
 * end offsets. A message of thousands of row objects would be cloned property by property;
 * these few strings and arrays are copied whole.
 */
export interface RowBatch {
  size: number;
  lines: Uint32Array<ArrayBuffer>;
  extraFields: Uint32Array<ArrayBuffer>;
  /** One string per column, in the order of the keys the batch was built with. */
  texts: string[];
  /** The end offset in its column's text of row r's value of column c, at r × columns + c; empty means absent. */
  ends: Uint32Array<ArrayBuffer>;
}

export class RowBatchBuilder<Key extends string> {
  readonly #keys: readonly Key[];
  readonly #capacity: number;
  #size = 0;
  #lines: Uint32Array;
  #extraFields: Uint32Array;
  #texts: string[];
  #ends: Uint32Array;

  constructor(keys: readonly Key[], capacity: number) {
    this.#keys = keys;
    this.#capacity = capacity;
    this.#lines = new Uint32Array(capacity);
    this.#extraFields = new Uint32Array(capacity);
    this.#texts = keys.map(() => '');
    this.#ends = new Uint32Array(capacity * keys.length);
  }

  get size(): number {
    return this.#size;
  }

  get isFull(): boolean {
    return this.#size === this.#capacity;
  }

  add(row: CsvRow<Key>): void {
    const index = this.#size++;
    this.#lines[index] = row.line;
    this.#extraFields[index] = row.extraFields;
    this.#keys.forEach((key, column) => {
      const value = row.values[key];
      if (value !== undefined) this.#texts[column] += value;
      this.#ends[index * this.#keys.length + column] = (this.#texts[column] ?? '').length;
    });
  }

  /** The rows added since the last take, and the transferable buffers to move them with. */
  take(): { batch: RowBatch; transfer: ArrayBuffer[] } {
    const size = this.#size;
    const batch: RowBatch = {
      size,
      lines: this.#lines.slice(0, size),
      extraFields: this.#extraFields.slice(0, size),
      texts: this.#texts,
      ends: this.#ends.slice(0, size * this.#keys.length),
    };
    this.#size = 0;
    this.#texts = this.#keys.map(() => '');
    return { batch, transfer: [batch.lines.buffer, batch.extraFields.buffer, batch.ends.buffer] };
  }
}

/** Hands each row of a batch to `onRow`, as the parser would have. */
export function forEachRowOf<Key extends string>(batch: RowBatch, keys: readonly Key[], onRow: (row: CsvRow<Key>) => void): void {
  const columns = keys.length;
  const starts = new Uint32Array(columns);
  for (let index = 0; index < batch.size; index++) {
    const values: Partial<Record<Key, string>> = {};
    for (let column = 0; column < columns; column++) {
      const start = starts[column] ?? 0;
      const end = batch.ends[index * columns + column] ?? start;
      if (end > start) values[keys[column] as Key] = (batch.texts[column] ?? '').slice(start, end);
      starts[column] = end;
    }
    onRow({ line: batch.lines[index] ?? 0, values, extraFields: batch.extraFields[index] ?? 0 });
  }
}
