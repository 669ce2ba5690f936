import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicCsvWriter, commitStaged, csvLine, EXCEL_CSV, withoutFormula } from '../../../src/crm/csv-output.ts';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","Подарок")',
  '+cmd|" /C calc"!A0',
  '-2+3+cmd|" /C calc"!A0',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
];

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each(HOSTILE)('prefixes %j with an apostrophe', (value) => {
    expect(withoutFormula(value)).toBe(`'${value}`);
  });

  it.each(['+7 999 123-45-67', '+7 (999) 123-45-67', '-500', '-12.5', 'Ольга', 'a=b', 'anna@example.com', ''])(
    'keeps %j as written',
    (value) => {
      expect(withoutFormula(value)).toBe(value);
    },
  );

  it('neutralises cells of a line, quoting where the delimiter needs it', () => {
    expect(csvLine(['c1', '=1+1', '+7 999 123-45-67', 'Иванова, Анна'])).toBe(`c1,'=1+1,+7 999 123-45-67,"Иванова, Анна"\n`);
    expect(csvLine(['c1', 'a;b', '12,5'], EXCEL_CSV)).toBe('c1;"a;b";12,5\r\n');
  });

  it('neutralises cells the writer gets as UTF-8 bytes as well as text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rekindle-csv-output-'));
    try {
      const file = path.join(dir, 'out.csv');
      const writer = await AtomicCsvWriter.open(file, EXCEL_CSV);
      await writer.writeLine([Buffer.from('=HYPERLINK("x")'), Buffer.from('+7 999 123-45-67'), '@x', Buffer.from('Ольга')]);
      await commitStaged(await writer.finish());
      expect(await readFile(file, 'utf8')).toBe(`\uFEFF"'=HYPERLINK(""x"")";+7 999 123-45-67;'@x;Ольга\r\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
