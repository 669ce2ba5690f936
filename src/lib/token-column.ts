import { pointSlice, pointSliceAtText, type Utf8Slice } from './utf8-slice.ts';

/**
 * The personal tokens of an import by customer position, set in any order (stored links are
 * found shard by shard). A nanoid token takes its 21 bytes here, in shared memory a worker
 * thread can read, instead of a 40-byte string on the heap that every garbage collection of a
 * million-customer import would trace; a token of any other form (a link stored by another
 * tool) is kept aside as a string.
 */
export class TokenColumn {
  #bytes: Buffer;
  readonly #others: Map<number, string>;

  /** Room for `size` tokens to start with; or, given another thread's column (see `shared`), a view of it. */
  constructor(source: number | SharedTokens) {
    if (typeof source === 'number') {
      this.#bytes = Buffer.from(new SharedArrayBuffer(source * TOKEN_WIDTH));
      this.#others = new Map();
    } else {
      this.#bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
      this.#others = source.others;
    }
  }

  /** Sets the token at `index`, making room as needed. */
  set(index: number, token: string): void {
    if (!FIXED_WIDTH_TOKEN.test(token)) {
      this.#others.set(index, token);
      return;
    }
    const start = index * TOKEN_WIDTH;
    if (start + TOKEN_WIDTH > this.#bytes.length) this.#grow(start + TOKEN_WIDTH);
    this.#bytes.write(token, start, 'latin1');
  }

  /** The token at `index`; '' where none was set. */
  at(index: number): string {
    const other = this.#others.get(index);
    if (other !== undefined) return other;
    const start = index * TOKEN_WIDTH;
    return start >= this.#bytes.length || this.#bytes[start] === 0 ? '' : this.#bytes.toString('latin1', start, start + TOKEN_WIDTH);
  }

  /** Points `slice` at the token's bytes (ASCII, so UTF-8 too); false where none was set. */
  locate(index: number, slice: Utf8Slice): boolean {
    // A new project's import has no other tokens; the lookup is skipped for a million calls then.
    const other = this.#others.size === 0 ? undefined : this.#others.get(index);
    if (other !== undefined) return pointSliceAtText(slice, other);
    const start = index * TOKEN_WIDTH;
    if (start >= this.#bytes.length || this.#bytes[start] === 0) return pointSlice(slice, this.#bytes, 0, 0);
    return pointSlice(slice, this.#bytes, start, start + TOKEN_WIDTH);
  }

  /** The column's memory, for a worker thread to read; nothing may be set while it does. */
  shared(): SharedTokens {
    return { bytes: this.#bytes, others: this.#others };
  }

  #grow(needed: number): void {
    const bytes = Buffer.from(new SharedArrayBuffer(Math.max(needed, this.#bytes.length * 2)));
    this.#bytes.copy(bytes);
    this.#bytes = bytes;
  }
}

export interface SharedTokens {
  bytes: Uint8Array;
  others: Map<number, string>;
}

const TOKEN_WIDTH = 21;
/** nanoid's default form: 21 characters of its URL-safe alphabet. */
const FIXED_WIDTH_TOKEN = /^[A-Za-z0-9_-]{21}$/;
