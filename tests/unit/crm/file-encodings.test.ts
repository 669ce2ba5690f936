import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvFileError } from '../../../src/crm/csv-input.ts';
import { importCustomerLinks, type LinkImportProject } from '../../../src/crm/link-import.ts';
import { importOrdersCsv } from '../../../src/crm/orders.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import { encodeSingleByte, encodeUtf16WithBom } from '../lib/legacy-encode.ts';

const project: LinkImportProject & { config: { schedule: { timezone: string } } } = {
  slug: 'feb-23',
  config: { reactivation: { controlShare: 0 }, tiers: [], schedule: { timezone: 'Europe/Moscow' } },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rekindle-encodings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function importBytes(bytes: Buffer) {
  const file = path.join(dir, 'customers.csv');
  await writeFile(file, bytes);
  const storage = createMemoryStorage();
  const mailMergeOut = path.join(dir, 'mailing.csv');
  const result = await importCustomerLinks({
    project,
    storage,
    source: { path: file },
    baseUrl: 'https://promo.example.ru',
    now: new Date(),
    mailMergeOut,
  });
  if (!result.ok) throw new Error(result.problems.format(file));
  const link = await storage.links.byCustomerId(project.slug, 'c1');
  return { result, link, mailing: await readFile(mailMergeOut, 'utf8') };
}

describe('customer files in the encodings Russian teams save', () => {
  it('imports a Windows-1251 file with Latin headers with its names intact, in the links and the mailing file', async () => {
    const { result, link, mailing } = await importBytes(
      encodeSingleByte('customer_id,name,segment\nc1,Ольга,спящие\nc2,Пётр,VIP\n', 'windows-1251'),
    );
    expect(link).toMatchObject({ name: 'Ольга', segment: 'спящие' });
    expect(mailing).toContain('c1,Ольга,,,спящие');
    expect(mailing).toContain('c2,Пётр,');
    expect(result.ok && result.summary.encoding).toBe('windows-1251');
  });

  it('imports a Windows-1251 file with Russian headers and semicolons', async () => {
    const { link } = await importBytes(
      encodeSingleByte('Код клиента;Имя;Сумма покупок\r\nc1;Ольга Сергеевна;12 345,50\r\n', 'windows-1251'),
    );
    expect(link).toMatchObject({ name: 'Ольга Сергеевна', spend: 12345.5 });
  });

  it('imports Excel «Unicode text»: UTF-16 with a BOM, tab-separated', async () => {
    const { link, result } = await importBytes(encodeUtf16WithBom('customer_id\tname\r\nc1\tОльга\r\n'));
    expect(link?.name).toBe('Ольга');
    expect(result.ok && result.summary.encoding).toBe('utf-16le');
  });

  it('imports UTF-8 with and without a BOM', async () => {
    expect((await importBytes(Buffer.from('\uFEFFcustomer_id,name\nc1,Ольга\n'))).link?.name).toBe('Ольга');
    expect((await importBytes(Buffer.from('customer_id,name\nc1,Ольга\n'))).link?.name).toBe('Ольга');
  });

  it('refuses a KOI8-R file, naming the encoding and how to save the file', async () => {
    const reading = importBytes(encodeSingleByte('customer_id,name\nc1,Ольга\n', 'koi8-r'));
    await expect(reading).rejects.toThrow(CsvFileError);
    await expect(reading).rejects.toThrow(/not in UTF-8 and looks like KOI8-R.*CSV UTF-8/);
  });

  it('refuses a UTF-8 file with Windows-1251 rows pasted in after the first 64 kB, naming about where', async () => {
    const head = `customer_id,name\n${Array.from({ length: 8000 }, (_, index) => `u${index},Анна`).join('\n')}\n`;
    const bytes = Buffer.concat([Buffer.from(head), encodeSingleByte('c1,Ольга\n', 'windows-1251')]);
    await expect(importBytes(bytes)).rejects.toThrow(/customers\.csv:8002: the text stops being UTF-8 around line 8002.*mixes encodings/);
  });
});

describe('orders files in Windows-1251', () => {
  it('imports an orders export with Russian headers saved by Excel', async () => {
    const file = path.join(dir, 'orders.csv');
    await writeFile(
      file,
      encodeSingleByte('Номер заказа;Код клиента;Дата заказа;Сумма\r\n1001;c1;20.12.2020;4 990,00\r\n', 'windows-1251'),
    );
    const result = await importOrdersCsv({ project, storage: createMemoryStorage(), source: { path: file } });
    expect(result).toMatchObject({ ok: true, orders: 1, encoding: 'windows-1251' });
  });
});
