import Papa from 'papaparse';

/**
 * CSV records as PapaParse reads them, with what a spreadsheet user needs around them: line
 * numbers as they count lines, a BOM dropped, any line end, and errors that name the line
 * where a broken record starts. crm/csv-input.ts streams files through it; small files such
 * as promo-code pools read their records with csvRecords.
 */

/** The file cannot be read as a table at all: no header, missing required columns, broken quoting. */
export class CsvFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  /** The message without the file and line in front. */
  readonly reason: string;
  constructor(file: string, line: number | undefined, reason: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    this.name = 'CsvFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/**
 * Every record of a short CSV text with the line it ends on, blank lines included (as ['']),
 * read the way files are; throws CsvFileError for broken quoting. For small files such as
 * promo-code pools, which have no header to match.
 */
export function csvRecords(text: string, file: string, delimiter = ','): { record: string[]; line: number }[] {
  const records: { record: string[]; line: number }[] = [];
  const reader = new RecordReader(file, (record, line) => records.push({ record, line }));
  reader.read(new Papa.Parser({ delimiter, newline: '\n' }), withoutLoneCr(text.replace(/^\uFEFF/, '')), true);
  return records;
}

/**
 * The file's text in chunks, as the parser wants it: decoded from `encoding` across chunk
 * boundaries, without a BOM, and with every lone CR (old Mac line ends) turned into LF, inside
 * quoted values too. A CR at the end of a chunk waits for the next one, which may start with
 * its LF. Bytes that are not valid in the encoding throw InvalidTextError instead of becoming
 * U+FFFD: a name must never be silently garbled.
 */
export async function* textChunks(chunks: AsyncIterable<Buffer>, encoding = 'utf-8'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let atStart = true;
  let heldCr = '';
  const prepared = (text: string) => {
    const body = atStart ? text.replace(/^\uFEFF/, '') : text;
    if (text !== '') atStart = false;
    return withoutLoneCr(body);
  };
  for await (const chunk of chunks) {
    const text = heldCr + decodeOrExplain(decoder, chunk, encoding);
    heldCr = text.endsWith('\r') ? '\r' : '';
    yield prepared(heldCr === '' ? text : text.slice(0, -1));
  }
  yield prepared(heldCr + decoder.decode());
}

/** Bytes that are not text in the file's encoding; `validText` is the chunk's text before them. */
export class InvalidTextError extends Error {
  readonly validText: string;
  constructor(encoding: string, validText: string) {
    super(`the bytes after «${validText.slice(-20)}» are not ${encoding}`);
    this.validText = validText;
  }
}

function decodeOrExplain(decoder: TextDecoder, chunk: Buffer, encoding: string): string {
  try {
    return decoder.decode(chunk, { stream: true });
  } catch {
    const lenient = new TextDecoder(encoding).decode(chunk);
    throw new InvalidTextError(encoding, lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
  }
}

const LONE_CR = /\r(?!\n)/g;

function withoutLoneCr(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}

/**
 * Hands the parser's records to `take` in file order, each with the line it ends on, as
 * spreadsheet users count lines: a record spans one line plus each line break inside its
 * quoted fields, and blank lines count too.
 */
export class RecordReader {
  readonly #file: string;
  readonly #take: (record: string[], line: number) => void;
  #lastLine = 0;

  constructor(file: string, take: (record: string[], line: number) => void) {
    this.#file = file;
    this.#take = take;
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.#lastLine + 1;
  }

  /**
   * Parses the complete records of `text` and returns the rest: the start of a record the
   * next chunk completes. At the end of the file (`isLast`) the rest is a last record without
   * a line end, or a quote left open.
   */
  read(parser: Papa.Parser, text: string, isLast: boolean): string {
    const { data, errors, meta } = parser.parse(text, 0, !isLast) as Papa.ParseResult<string[]>;
    const firstError = errors.find((error) => isLast || (error.row ?? 0) < data.length);
    data.forEach((record, index) => {
      if (index === firstError?.row) throw this.#unreadable(firstError);
      this.#lastLine += 1 + lineBreaksIn(record);
      this.#take(record, this.#lastLine);
    });
    if (firstError) throw this.#unreadable(firstError);
    return isLast ? '' : text.slice(meta.cursor);
  }

  #unreadable(error: Papa.ParseError): CsvFileError {
    const line = this.nextLine;
    const reason =
      error.code === 'MissingQuotes'
        ? `a quote opened in the record starting on line ${line} is never closed`
        : error.code === 'InvalidQuotes'
          ? `a quoted field in the record starting on line ${line} goes on after its closing quote`
          : error.message;
    return new CsvFileError(this.#file, line, `the CSV cannot be read (${reason}).`);
  }
}

function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
}
