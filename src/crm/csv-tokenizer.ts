/**
 * An RFC 4180 tokenizer working on bytes. The delimiter, quotes and line breaks are ASCII, so
 * UTF-8 text can be split without decoding it; a field becomes a string only when the caller
 * asks for it. A general CSV library decodes and copies every character of every field, which
 * is most of the cost of a million-row import.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A record this long is a quote left open, not data: refuse it instead of buffering the whole file. */
export const MAX_RECORD_BYTES = 1 << 20;

/** Why the tokenizer stopped, and on which line; csv-input turns it into a CsvFileError. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * One record, valid only during the callback that receives it: the tokenizer reuses it.
 * `line` is the file line the record ends on, as spreadsheet users count lines (from 1).
 */
export class CsvRecord {
  line = 0;
  count = 0;
  #buffer: Buffer = Buffer.alloc(0);
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  /** True for a quoted field whose text holds doubled quotes (`""`) to undo. */
  readonly #escaped: boolean[] = [];
  /** Whether the record has a quoted field: `""` alone on a line is an empty field, not an empty line. */
  #quoted = false;

  /** The field's text, trimmed; '' for an empty field or one the record does not have. */
  text(index: number): string {
    if (index >= this.count) return '';
    const start = this.#starts[index] ?? 0;
    const end = this.#ends[index] ?? 0;
    if (start === end) return '';
    const raw = this.#buffer.toString('utf8', start, end);
    return (this.#escaped[index] ? raw.replaceAll('""', '"') : raw).trim();
  }

  /** Whether every field is empty or white space: a blank line as Excel writes it (`;;;`). */
  isBlank(): boolean {
    for (let index = 0; index < this.count; index++) if (this.text(index) !== '') return false;
    return true;
  }

  /** A line with nothing on it at all; a line of delimiters or spaces is a record (see isBlank). */
  isEmptyLine(): boolean {
    return this.count === 1 && this.#starts[0] === this.#ends[0] && !this.#quoted;
  }

  reset(buffer: Buffer, line: number): void {
    this.#quoted = false;
    this.#buffer = buffer;
    this.line = line;
    this.count = 0;
  }

  addQuotedField(start: number, end: number, escaped: boolean): void {
    this.#quoted = true;
    this.addField(start, end, escaped);
  }

  addField(start: number, end: number, escaped = false): void {
    this.#starts[this.count] = start;
    this.#ends[this.count] = end;
    this.#escaped[this.count] = escaped;
    this.count++;
  }
}

/** Where a record stopped: at its end, or at the end of the bytes seen so far. */
const INCOMPLETE = -1;

/**
 * Feed it chunks with `push`, then call `end`. Each complete record goes to `onRecord`;
 * empty lines are skipped, CRLF, LF and lone CR all end a line, a UTF-8 BOM is dropped,
 * quotes inside an unquoted field are kept as they are.
 */
export class CsvTokenizer {
  readonly #delimiter: number;
  readonly #onRecord: (record: CsvRecord) => void;
  readonly #record = new CsvRecord();
  /** Bytes of a record that the previous chunk did not finish. */
  #carry: Buffer | undefined;
  /** The line number where the carried bytes (or the next chunk) begin. */
  #line = 1;
  #started = false;

  constructor(delimiter: string, onRecord: (record: CsvRecord) => void) {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#onRecord = onRecord;
  }

  push(chunk: Buffer): void {
    let bytes = this.#carry ? Buffer.concat([this.#carry, chunk]) : chunk;
    if (!this.#started) {
      if (bytes.length < BOM.length && !this.#carry) {
        this.#carry = bytes;
        return;
      }
      this.#started = true;
      if (bytes.subarray(0, BOM.length).equals(BOM)) bytes = bytes.subarray(BOM.length);
    }
    this.#carry = undefined;
    this.#tokenize(bytes, false);
  }

  /** Finishes the last record; throws CsvSyntaxError if it is cut inside quotes. */
  end(): void {
    const rest = this.#carry;
    this.#carry = undefined;
    this.#started = true;
    if (rest) this.#tokenize(rest.subarray(0, BOM.length).equals(BOM) ? rest.subarray(BOM.length) : rest, true);
  }

  #tokenize(bytes: Buffer, final: boolean): void {
    let position = 0;
    while (position < bytes.length) {
      const recordLine = this.#line;
      const next = this.#readRecord(bytes, position, final);
      if (next === INCOMPLETE) {
        this.#line = recordLine;
        this.#carry = bytes.subarray(position);
        if (this.#carry.length > MAX_RECORD_BYTES) {
          throw new CsvSyntaxError(recordLine, `the record starting on line ${recordLine} is longer than 1 MB; a quote is probably left open there`);
        }
        return;
      }
      position = next;
      const record = this.#record;
      if (!record.isEmptyLine()) this.#onRecord(record);
    }
  }

  /**
   * Reads one record starting at `start` into #record and returns where the next one begins,
   * or INCOMPLETE when the bytes end before the record does (and more may follow).
   */
  #readRecord(bytes: Buffer, start: number, final: boolean): number {
    const record = this.#record;
    const delimiter = this.#delimiter;
    const length = bytes.length;
    record.reset(bytes, this.#line);
    let position = start;
    for (;;) {
      if (bytes[position] === QUOTE) {
        const quoteLine = this.#line;
        const field = this.#readQuoted(bytes, position + 1, final);
        if (field === undefined) return INCOMPLETE;
        if (field.end === INCOMPLETE) throw new CsvSyntaxError(quoteLine, `the quote opened on line ${quoteLine} is never closed`);
        record.addQuotedField(position + 1, field.end, field.escaped);
        position = field.end + 1;
        const after = bytes[position];
        if (position < length && after !== delimiter && after !== LF && after !== CR) {
          throw new CsvSyntaxError(
            this.#line,
            `a quoted field on line ${this.#line} is followed by «${String.fromCharCode(after ?? 0)}»; expected the delimiter or the end of the line`,
          );
        }
      } else {
        let end = position;
        while (end < length) {
          const byte = bytes[end];
          if (byte === delimiter || byte === LF || byte === CR) break;
          end++;
        }
        record.addField(position, end);
        position = end;
      }
      if (position >= length) {
        if (!final) return INCOMPLETE;
        record.line = this.#line;
        return position;
      }
      const byte = bytes[position];
      if (byte === delimiter) {
        position++;
        if (position >= length && !final) return INCOMPLETE;
        if (position >= length) {
          record.addField(position, position);
          record.line = this.#line;
          return position;
        }
        continue;
      }
      // A CR as the last byte may be the first half of a CRLF split across chunks.
      if (byte === CR && position + 1 >= length && !final) return INCOMPLETE;
      record.line = this.#line;
      this.#line++;
      return byte === CR && bytes[position + 1] === LF ? position + 2 : position + 1;
    }
  }

  /** The closing quote of a field whose text starts at `start`; counts the line breaks inside. */
  #readQuoted(bytes: Buffer, start: number, final: boolean): { end: number; escaped: boolean } | undefined {
    let escaped = false;
    let position = start;
    let lineBreaks = 0;
    for (;;) {
      const quote = bytes.indexOf(QUOTE, position);
      const stop = quote === -1 ? bytes.length : quote;
      for (let index = position; index < stop; index++) {
        const byte = bytes[index];
        if (byte === LF || (byte === CR && bytes[index + 1] !== LF)) lineBreaks++;
      }
      if (quote === -1 || (quote + 1 >= bytes.length && !final)) {
        // Line breaks are counted again when the record is read anew with more bytes.
        if (!final) return undefined;
        return { end: INCOMPLETE, escaped };
      }
      if (bytes[quote + 1] === QUOTE) {
        escaped = true;
        position = quote + 2;
        continue;
      }
      this.#line += lineBreaks;
      return { end: quote, escaped };
    }
  }
}
