import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvFileError,
  detectDelimiter,
  MAX_RECORD_CHARACTERS,
  normalizeHeader,
  readCsvRows,
  type CsvReadSummary,
  type CsvRow,
  type CsvSource,
} from '../../../src/crm/csv-input.ts';
import { CUSTOMER_COLUMNS, type CustomerColumn } from '../../../src/crm/customers.ts';

/** The same cases read from text (parsed in this thread) and from a file (parsed on a worker thread). */
const SOURCES = {
  text: async (text: string, read: (source: CsvSource) => Promise<CsvReadSummary>) => read({ text, name: 'customers.csv' }),
  file: async (text: string, read: (source: CsvSource) => Promise<CsvReadSummary>) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rekindle-csv-input-'));
    try {
      const file = path.join(dir, 'customers.csv');
      await writeFile(file, text);
      return await read({ path: file });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

describe.each(Object.keys(SOURCES) as (keyof typeof SOURCES)[])('readCsvRows from %s', (sourceKind) => {
  async function rowsOf(text: string) {
    const rows: CsvRow<CustomerColumn>[] = [];
    const { rows: count } = await SOURCES[sourceKind](text, (source) => readCsvRows(source, CUSTOMER_COLUMNS, (row) => rows.push(row)));
    expect(count).toBe(rows.length);
    return rows;
  }

  it('reads a comma-separated file with LF endings', async () => {
    const rows = await rowsOf('customer_id,name,segment\nc1,Anna,churned\nc2,Olga,vip\n');
    expect(rows.map((row) => row.values)).toEqual([
      { customerId: 'c1', name: 'Anna', segment: 'churned' },
      { customerId: 'c2', name: 'Olga', segment: 'vip' },
    ]);
  });

  it('detects the semicolon of Russian Excel exports, drops the BOM and reads CRLF', async () => {
    const rows = await rowsOf('\uFEFFID клиента;Имя;Сумма покупок\r\nc1;Анна;12 345,50\r\nc2;Ольга;\r\n');
    expect(rows.map((row) => row.values)).toEqual([
      { customerId: 'c1', name: 'Анна', spend: '12 345,50' },
      { customerId: 'c2', name: 'Ольга' },
    ]);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', async () => {
    const rows = await rowsOf('customer_id,name\nc1,"Иванова, Анна ""Аня"""\nc2,"two\nlines"\nc3,Ольга\n');
    expect(rows.map((row) => row.values.name)).toEqual(['Иванова, Анна "Аня"', 'two\nlines', 'Ольга']);
    expect(rows.map((row) => row.line)).toEqual([2, 4, 5]);
  });

  it('skips blank lines but keeps real line numbers', async () => {
    const rows = await rowsOf('customer_id,name\n\nc1,\n\n\nc2,Анна\n,\n');
    expect(rows.map((row) => [row.line, row.values.customerId])).toEqual([
      [3, 'c1'],
      [6, 'c2'],
    ]);
  });

  it('counts fields beyond the header, the sign of an unquoted delimiter', async () => {
    const [row] = await rowsOf('customer_id,name\nc1,Иванова, Анна\n');
    expect(row?.extraFields).toBe(1);
  });

  it('names the missing required column, what it accepts and what it found', async () => {
    const error = await rowsOf('Имя;Email\nАнна;a@example.com\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).message).toMatch(
      /(^|\/)customers\.csv:1: the header has no customer_id column \(also accepted: «customer»/,
    );
    expect((error as CsvFileError).message).toContain('found «Имя», «Email»');
  });

  it('refuses two columns that mean the same thing', async () => {
    await expect(rowsOf('customer_id,id клиента\nc1,c1\n')).rejects.toThrow(/both mean customer_id/);
  });

  it('reports a quote left open with its line instead of swallowing the rest of the file', async () => {
    const error = await rowsOf('customer_id,name\nc1,Анна\nc2,"Олег\nc3,Мария\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).message).toMatch(/(^|\/)customers\.csv:\d+: the CSV cannot be read \(.*quote.*\)\.$/i);
  });

  it('reads lone CR line ends, and keeps a quote inside an unquoted field as text', async () => {
    const text = '\uFEFFcustomer_id;name\r\nc1;"Иванова; Анна ""Аня"""\r\n\r\nc2;"two\nlines"\rc3;plain "quote"\nc4;\nc5;Ёлка';
    const rows = await rowsOf(text);
    expect(rows.map((row) => [row.line, row.values.customerId, row.values.name])).toEqual([
      [2, 'c1', 'Иванова; Анна "Аня"'],
      [5, 'c2', 'two\nlines'],
      [6, 'c3', 'plain "quote"'],
      [7, 'c4', undefined],
      [8, 'c5', 'Ёлка'],
    ]);
  });

  it('counts a CRLF inside a quoted field as one line, like a spreadsheet', async () => {
    const rows = await rowsOf('customer_id,name\r\nc1,"two\r\nlines"\r\nc2,Анна\r\n');
    expect(rows.map((row) => [row.line, row.values.name])).toEqual([
      [3, 'two\r\nlines'],
      [4, 'Анна'],
    ]);
  });

  it('reads a text of many chunks and batches whole, whatever character or line end a boundary cuts', async () => {
    const count = 40_000;
    const lines = Array.from({ length: count }, (_, index) => `c${index};"Ёлкина\r\nЯна ${index}";ёж`);
    const rows = await rowsOf(`customer_id;name;segment\r\n${lines.join('\r\n')}\r\n`);
    expect(rows).toHaveLength(count);
    const wrong = rows.findIndex(
      (row, index) => row.line !== 3 + 2 * index || row.values.name !== `Ёлкина\r\nЯна ${index}` || row.values.segment !== 'ёж',
    );
    expect(wrong).toBe(-1);
  });

  it('reads lone CR line ends across chunk boundaries, and a CRLF cut between two chunks', async () => {
    const count = 20_000;
    const lines = Array.from({ length: count }, (_, index) => `c${index};Ёлкина Яна ${index}${index % 2 === 0 ? '' : ';"ёж"'}`);
    const rows = await rowsOf(
      `customer_id;name;segment\r${lines.map((line, index) => `${line}${index % 3 === 0 ? '\r' : '\r\n'}`).join('')}`,
    );
    expect(rows).toHaveLength(count);
    const wrong = rows.findIndex(
      (row, index) => row.line !== 2 + index || row.values.name !== `Ёлкина Яна ${index}` || row.values.customerId !== `c${index}`,
    );
    expect(wrong).toBe(-1);
  });

  it('refuses a quoted field that goes on after its closing quote, naming its line', async () => {
    const error = await rowsOf('customer_id,name\nc1,Анна\nc2,"Олег" Петров\nc3,Мария\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).reason).toBe(
      'the CSV cannot be read (a quoted field in the record starting on line 3 goes on after its closing quote).',
    );
  });

  it('names the line where the record with the unclosed quote starts, past blank lines', async () => {
    const error = await rowsOf('customer_id,name\nc1,Анна\n,\n\nc2,"Олег\nc3,Мария\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).line).toBe(5);
    expect((error as CsvFileError).message).toMatch(/(^|\/)customers\.csv:5: /);
    expect((error as CsvFileError).reason).toBe(
      'the CSV cannot be read (a quote opened in the record starting on line 5 is never closed).',
    );
  });

  it('stops at a record longer than the limit instead of buffering the rest of the file', async () => {
    const endless = `customer_id,name\nc1,"${'a'.repeat(MAX_RECORD_CHARACTERS + 1)}\nc2,Анна\n`;
    await expect(rowsOf(endless)).rejects.toThrow(/(^|\/)customers\.csv:2: .*record starting on line 2 is longer than 1 MB/);
  });

  it('refuses an empty file', async () => {
    await expect(rowsOf('')).rejects.toThrow(/the file is empty/);
  });
});

describe('readCsvRows from a file, parsed on a worker thread', () => {
  async function withFile(text: string, run: (file: string) => Promise<void>) {
    const dir = await mkdtemp(path.join(tmpdir(), 'rekindle-csv-worker-'));
    try {
      const file = path.join(dir, 'customers.csv');
      await writeFile(file, text);
      await run(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('stops reading and rejects with the error of a row handler that throws', async () => {
    const text = `customer_id\n${Array.from({ length: 20_000 }, (_, index) => `c${index}`).join('\n')}\n`;
    await withFile(text, async (file) => {
      let handled = 0;
      const reading = readCsvRows({ path: file }, CUSTOMER_COLUMNS, () => {
        if (++handled === 5000) throw new Error('the importer gave up');
      });
      await expect(reading).rejects.toThrow('the importer gave up');
      expect(handled).toBe(5000);
    });
  });

  it('rejects for a file that is not there, naming it', async () => {
    const missing = path.join(tmpdir(), 'rekindle-no-such-dir', 'customers.csv');
    await expect(readCsvRows({ path: missing }, CUSTOMER_COLUMNS, () => undefined)).rejects.toThrow(/ENOENT.*rekindle-no-such-dir/);
  });
});

describe('header helpers', () => {
  it('normalizes case, ё, underscores and dashes', () => {
    expect(normalizeHeader(' Customer_ID ')).toBe('customer id');
    expect(normalizeHeader('E-Mail')).toBe('e mail');
    expect(normalizeHeader('Сумма  покупок')).toBe('сумма покупок');
  });

  it('ignores delimiters inside quoted header names', () => {
    expect(detectDelimiter('"a,b";c;d\n1;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});
