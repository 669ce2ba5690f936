import { describe, expect, it } from 'vitest';
import { CsvFileError, detectDelimiter, normalizeHeader, readCsvRows, type CsvRow } from '../../../src/crm/csv-input.ts';
import { CUSTOMER_COLUMNS, type CustomerColumn } from '../../../src/crm/customers.ts';

async function rowsOf(text: string) {
  const rows: CsvRow<CustomerColumn>[] = [];
  const count = await readCsvRows({ text, name: 'customers.csv' }, CUSTOMER_COLUMNS, (row) => rows.push(row));
  expect(count).toBe(rows.length);
  return rows;
}

describe('readCsvRows', () => {
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
    expect((error as CsvFileError).message).toMatch(/^customers\.csv:1: the header has no customer_id column \(also accepted: «customer»/);
    expect((error as CsvFileError).message).toContain('found «Имя», «Email»');
  });

  it('refuses two columns that mean the same thing', async () => {
    await expect(rowsOf('customer_id,id клиента\nc1,c1\n')).rejects.toThrow(/both mean customer_id/);
  });

  it('reports a quote left open with its line instead of swallowing the rest of the file', async () => {
    const error = await rowsOf('customer_id,name\nc1,Анна\nc2,"Олег\nc3,Мария\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).message).toMatch(/^customers\.csv:\d+: the CSV cannot be read \(.*quote.*\)\.$/i);
  });

  it('refuses an empty file', async () => {
    await expect(rowsOf('')).rejects.toThrow(/the file is empty/);
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
