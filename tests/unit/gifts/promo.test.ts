import { describe, expect, it } from 'vitest';
import { parsePromoPool } from '../../../src/gifts/index.ts';

describe('parsePromoPool', () => {
  it('reads one code per line, skipping the header, spaces and blank lines', () => {
    expect(parsePromoPool('code\n  HOFF-001 \n\nHOFF-002\r\n   \nhoff_003\n')).toEqual({
      codes: ['HOFF-001', 'HOFF-002', 'hoff_003'],
      problems: [],
    });
  });

  it('reads a header after blank lines, CRLF and lone CR line ends, and a BOM', () => {
    const pool = parsePromoPool('\uFEFF\r\ncode\r\nAAA111\rBBB222\r\n\nCCC333');
    expect(pool).toEqual({ codes: ['AAA111', 'BBB222', 'CCC333'], problems: [] });
    expect(parsePromoPool('code\nAAA111\nAAA111\r\n').problems).toEqual([
      { line: 3, message: 'code AAA111 repeats line 2; each code must be given once' },
    ]);
  });

  it('reads a file without a header', () => {
    expect(parsePromoPool('NY2021A\nNY2021B').codes).toEqual(['NY2021A', 'NY2021B']);
  });

  it('reports repeated and malformed codes with their lines and keeps the rest', () => {
    const pool = parsePromoPool('code\nAAA111\nBB 22\nCCC333\nAAA111\nDDD444,EEE555\nЁЛКА2021\nX\n');
    expect(pool.codes).toEqual(['AAA111', 'CCC333']);
    expect(pool.problems).toEqual([
      { line: 3, message: '"BB 22" is not a promo code; expected 3–64 latin letters, digits, - or _' },
      { line: 5, message: 'code AAA111 repeats line 2; each code must be given once' },
      { line: 6, message: 'has 2 values; expected one code per line' },
      { line: 7, message: '"ЁЛКА2021" is not a promo code; expected 3–64 latin letters, digits, - or _' },
      { line: 8, message: '"X" is not a promo code; expected 3–64 latin letters, digits, - or _' },
    ]);
  });

  it('reports a file with no codes', () => {
    expect(parsePromoPool('code\n\n').problems).toEqual([
      { message: 'has no codes; expected 3–64 latin letters, digits, - or _, one per line' },
    ]);
  });

  it('reports a file that is not CSV, with the line', () => {
    const { codes, problems } = parsePromoPool('AAA111\n"BBB222\n');
    expect(codes).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.message).toBe('the CSV cannot be read (a quote opened in the record starting on line 2 is never closed).');
  });
});
