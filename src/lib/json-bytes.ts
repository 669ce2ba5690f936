import type { Utf8Slice } from './utf8-slice.ts';

/**
 * JSON text written as UTF-8 bytes, value by value, from text that is UTF-8 already: a large
 * import writes its columns out without decoding a string per value for JSON.stringify to
 * encode again. The output is byte for byte what JSON.stringify writes for the same values.
 */
export class JsonBytes {
  #bytes: Buffer;
  #length = 0;

  constructor(capacity = 64 * 1024) {
    this.#bytes = Buffer.allocUnsafe(capacity);
  }

  /** The JSON written so far (a view, not a copy). */
  get bytes(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }

  /** Writes JSON text as it is: punctuation, keys, or the output of JSON.stringify. */
  raw(json: string): this {
    this.#reserve(json.length * 3);
    if (json.length > SHORT_TEXT || !this.#copyAscii(json)) this.#length += this.#bytes.write(json, this.#length, 'utf8');
    return this;
  }

  /** Writes one ASCII character (a comma, a bracket). */
  char(code: number): this {
    this.#reserve(1);
    this.#bytes[this.#length++] = code;
    return this;
  }

  /** Writes the bytes as a JSON string: quoted, with quotes, backslashes and control characters escaped. */
  string(slice: Utf8Slice): this {
    const { bytes: source, end } = slice;
    this.#reserve((end - slice.start) * ESCAPE_WIDTH + 2);
    const bytes = this.#bytes;
    let length = this.#length;
    bytes[length++] = QUOTE;
    for (let index = slice.start; index < end; index++) {
      const byte = source[index] ?? 0;
      const escaped = ESCAPES[byte];
      if (escaped === undefined) {
        bytes[length++] = byte;
      } else {
        bytes.set(escaped, length);
        length += escaped.length;
      }
    }
    bytes[length++] = QUOTE;
    this.#length = length;
    return this;
  }

  /**
   * Writes a number as JSON.stringify does (null when it is not finite), or null. Whole and
   * half amounts, most of a shop's spends, are written digit by digit: they are exact in
   * binary, so their digits are String's, without its general conversion for every value.
   */
  number(value: number | null | undefined): this {
    if (value === undefined || value === null || !Number.isFinite(value)) return this.raw('null');
    const size = Math.abs(value);
    if (size >= EXACT_DIGITS_BELOW || !Number.isInteger(size * 2)) return this.raw(String(value));
    if (value < 0) this.char(MINUS);
    this.#digits(Math.trunc(size));
    return Number.isInteger(size) ? this : this.raw('.5');
  }

  /** Writes a whole number from 0 up, digit by digit. */
  #digits(whole: number): void {
    const start = this.#length;
    this.#reserve(16);
    let rest = whole;
    do {
      this.#bytes[this.#length++] = DIGIT_ZERO + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    this.#bytes.subarray(start, this.#length).reverse();
  }

  /** Copies short ASCII text byte by byte, cheaper than a call into Buffer.write; false, copying nothing, for other text. */
  #copyAscii(text: string): boolean {
    for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 0x80) return false;
    for (let index = 0; index < text.length; index++) this.#bytes[this.#length + index] = text.charCodeAt(index);
    this.#length += text.length;
    return true;
  }

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#length + extra, this.#bytes.length * 2));
    this.#bytes.copy(grown, 0, 0, this.#length);
    this.#bytes = grown;
  }
}

const QUOTE = 0x22;
const MINUS = 0x2d;
const DIGIT_ZERO = 0x30;
/** Below this, a whole number and its half are exact and String writes them without an exponent. */
const EXACT_DIGITS_BELOW = 1e15;
/** Text up to this length is copied by #copyAscii. */
const SHORT_TEXT = 24;
/** The longest escape, \u001f, for one byte. */
const ESCAPE_WIDTH = 6;
const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};
/** JSON.stringify's escape of each byte that needs one; bytes of multi-byte characters need none. */
const ESCAPES: (Buffer | undefined)[] = Array.from({ length: 256 }, (_, byte) => {
  const escaped = SHORT_ESCAPES[byte] ?? (byte < 0x20 ? `\\u${byte.toString(16).padStart(4, '0')}` : undefined);
  return escaped === undefined ? undefined : Buffer.from(escaped, 'latin1');
});
