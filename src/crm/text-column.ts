/**
 * Many short strings kept as UTF-8 in one growing buffer, with the end offset of each. A million
 * names as JavaScript strings cost about 60 bytes each and slow every garbage collection; here
 * they cost their UTF-8 bytes plus four, and the collector never looks inside.
 */
export class TextColumn {
  #bytes: Buffer;
  #ends: Uint32Array;
  #size = 0;

  constructor(capacity = 1024) {
    this.#bytes = Buffer.allocUnsafe(capacity * 16);
    this.#ends = new Uint32Array(capacity);
  }

  /** Appends a value; undefined and '' are both stored as empty and read back as undefined. */
  push(value: string | undefined): void {
    if (this.#size === this.#ends.length) this.#ends = grown(this.#ends, this.#ends.length * 2);
    const start = this.#end(this.#size - 1);
    let end = start;
    if (value) {
      const room = start + value.length * 3;
      if (room > this.#bytes.length) this.#growBytes(room);
      end += this.#bytes.write(value, start, 'utf8');
    }
    this.#ends[this.#size++] = end;
  }

  at(index: number): string | undefined {
    const start = this.#end(index - 1);
    const end = this.#end(index);
    return start === end ? undefined : this.#bytes.toString('utf8', start, end);
  }

  /** The UTF-8 bytes of one value, without copying; valid until the next push. */
  bytesAt(index: number): Buffer {
    return this.#bytes.subarray(this.#end(index - 1), this.#end(index));
  }

  #end(index: number): number {
    return index < 0 ? 0 : (this.#ends[index] ?? 0);
  }

  #growBytes(needed: number): void {
    const bytes = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
    this.#bytes.copy(bytes, 0, 0, this.#end(this.#size - 1));
    this.#bytes = bytes;
  }
}

/** A typed array of the same kind with room for `length` items, holding the old ones. */
export function grown<Numbers extends Uint8Array | Uint32Array | Float64Array>(numbers: Numbers, length: number): Numbers {
  const bigger = new (numbers.constructor as new (length: number) => Numbers)(length);
  bigger.set(numbers);
  return bigger;
}
