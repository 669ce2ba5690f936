import { pointSlice, type Utf8Slice } from './utf8-slice.ts';

/**
 * Many short strings kept as UTF-8, with the end offset of each. A million names as JavaScript
 * strings cost about 60 bytes each and slow every garbage collection; here they cost their
 * UTF-8 bytes plus four, and the collector never looks inside. The bytes live in chunks that
 * are never copied or regrown (a doubling buffer would hold up to four times the text at its
 * peak, counting the outgrown copies not yet collected), in shared memory, so a worker thread
 * (the mail merge) can read a finished column without a copy.
 */
export class TextColumn {
  readonly #chunks: Buffer[] = [];
  /** The index of the first value of each chunk. */
  #firstOfChunk: number[] = [];
  /** Where each value ends in its chunk. */
  #ends: Uint32Array;
  #size = 0;
  /** Bytes used of the last chunk. */
  #used = 0;
  /** The chunk the last lookup found: reads mostly go in order. */
  #lastChunk = 0;

  constructor(capacity = 1024) {
    this.#ends = sharedEnds(capacity);
  }

  /** A read-only column over the memory of another thread's column (see `shared`). */
  static fromShared(shared: SharedText): TextColumn {
    const column = new TextColumn(0);
    for (const chunk of shared.chunks) column.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    column.#firstOfChunk = [...shared.firstOfChunk];
    column.#ends = shared.ends;
    column.#size = shared.ends.length;
    return column;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a value; undefined and '' are both stored as empty and read back as undefined. */
  push(value: string | undefined): void {
    if (this.#size === this.#ends.length) this.#ends = grownEnds(this.#ends, Math.max(1024, this.#ends.length * 2));
    const index = this.#size++;
    const room = (value?.length ?? 0) * 3;
    const chunk = this.#chunks.at(-1);
    if (!chunk || this.#used + room > chunk.length) this.#startChunk(index, room);
    if (value) this.#used += (this.#chunks.at(-1) as Buffer).write(value, this.#used, 'utf8');
    this.#ends[index] = this.#used;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    const chunk = this.#chunkOf(index);
    const start = this.#startOf(index, chunk);
    const end = this.#ends[index] ?? 0;
    // toString with offsets decodes in place; a subarray first would cost a Buffer per value.
    return start === end ? undefined : (this.#chunks[chunk] as Buffer).toString('utf8', start, end);
  }

  /** Points `slice` at the UTF-8 bytes of one value, without copying; false for an empty value. */
  locate(index: number, slice: Utf8Slice): boolean {
    if (index < 0 || index >= this.#size) return pointSlice(slice, EMPTY, 0, 0);
    const chunk = this.#chunkOf(index);
    return pointSlice(slice, this.#chunks[chunk] as Buffer, this.#startOf(index, chunk), this.#ends[index] ?? 0);
  }

  /** The UTF-8 bytes of one value, without copying. */
  bytesAt(index: number): Buffer {
    if (index < 0 || index >= this.#size) return EMPTY;
    const chunk = this.#chunkOf(index);
    return (this.#chunks[chunk] as Buffer).subarray(this.#startOf(index, chunk), this.#ends[index]);
  }

  /** The column's memory, for a worker thread to read; nothing may be pushed while it does. */
  shared(): SharedText {
    return {
      chunks: this.#chunks.map((chunk, position) => chunk.subarray(0, position === this.#chunks.length - 1 ? this.#used : chunk.length)),
      firstOfChunk: this.#firstOfChunk,
      ends: this.#ends.subarray(0, this.#size),
    };
  }

  /** Chunks grow from 64 kB to 1 MB, so a small import stays small and a large one wastes little. */
  #startChunk(firstIndex: number, room: number): void {
    const size = Math.max(room, Math.min(MAX_CHUNK_BYTES, FIRST_CHUNK_BYTES * 2 ** this.#chunks.length));
    this.#chunks.push(Buffer.from(new SharedArrayBuffer(size)));
    this.#firstOfChunk.push(firstIndex);
    this.#used = 0;
  }

  #startOf(index: number, chunk: number): number {
    return index === this.#firstOfChunk[chunk] ? 0 : (this.#ends[index - 1] ?? 0);
  }

  #chunkOf(index: number): number {
    const firsts = this.#firstOfChunk;
    const last = this.#lastChunk;
    if ((firsts[last] ?? 0) <= index && index < (firsts[last + 1] ?? Infinity)) return last;
    let low = 0;
    let high = firsts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((firsts[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    this.#lastChunk = low;
    return low;
  }
}

/** A TextColumn's memory as it crosses to a worker thread: shared, not copied. */
export interface SharedText {
  chunks: Uint8Array[];
  firstOfChunk: number[];
  ends: Uint32Array;
}

const FIRST_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 1 << 20;
const EMPTY = Buffer.alloc(0);

function sharedEnds(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}

function grownEnds(ends: Uint32Array, length: number): Uint32Array {
  const bigger = sharedEnds(length);
  bigger.set(ends);
  return bigger;
}

/** A typed array of the same kind with room for `length` items, holding the old ones. */
export function grown<Numbers extends Uint8Array | Uint32Array | Float64Array>(numbers: Numbers, length: number): Numbers {
  const bigger = new (numbers.constructor as new (length: number) => Numbers)(length);
  bigger.set(numbers);
  return bigger;
}
