import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, CsvTokenizer, MAX_RECORD_BYTES } from '../../../src/crm/csv-tokenizer.ts';

/** Every record as [line, ...fields], with the input cut into pieces of `pieceBytes`. */
function tokenize(text: string, pieceBytes = Number.POSITIVE_INFINITY, delimiter = ','): (string | number)[][] {
  const records: (string | number)[][] = [];
  const tokenizer = new CsvTokenizer(delimiter, (record) => {
    records.push([record.line, ...Array.from({ length: record.count }, (_, index) => record.text(index))]);
  });
  const bytes = Buffer.from(text);
  const step = Math.min(pieceBytes, bytes.length || 1);
  for (let start = 0; start < bytes.length; start += step) tokenizer.push(bytes.subarray(start, start + step));
  tokenizer.end();
  return records;
}

const TRICKY = '\uFEFFid;name\r\n1;"Иванова; Анна ""Аня"""\r\n\r\n2;"two\nlines"\r3;plain "quote"\n4;\n5;Ёлка';

describe('CsvTokenizer', () => {
  it('reads quotes, delimiters in quotes, line breaks in quotes, CRLF, LF and lone CR', () => {
    expect(tokenize(TRICKY, Number.POSITIVE_INFINITY, ';')).toEqual([
      [1, 'id', 'name'],
      [2, '1', 'Иванова; Анна "Аня"'],
      [5, '2', 'two\nlines'],
      [6, '3', 'plain "quote"'],
      [7, '4', ''],
      [8, '5', 'Ёлка'],
    ]);
  });

  it('gives the same records however the bytes are cut into chunks, even inside a character or a CRLF', () => {
    const whole = tokenize(TRICKY, Number.POSITIVE_INFINITY, ';');
    for (const piece of [1, 2, 3, 5, 7, 16]) expect(tokenize(TRICKY, piece, ';'), `pieces of ${piece}`).toEqual(whole);
  });

  it('names the line where a quote is opened and never closed', () => {
    expect(() => tokenize('id,name\n1,"Олег\n2,Мария\n', 4)).toThrow(new CsvSyntaxError(2, 'the quote opened on line 2 is never closed'));
  });

  it('refuses text after a closing quote', () => {
    expect(() => tokenize('id,name\n1,"Анна"x\n')).toThrow(/line 2 is followed by «x»/);
  });

  it('stops at a record longer than the limit instead of buffering the whole file', () => {
    const endless = `id,name\n1,"${'a'.repeat(MAX_RECORD_BYTES)}`;
    expect(() => tokenize(endless, 64 * 1024)).toThrow(/record starting on line 2 is longer than 1 MB/);
  });
});
