import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCustomerLinks, type LinkImportProject, type LinkImportResult } from '../../../src/crm/link-import.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import type { Storage } from '../../../src/storage/types.ts';

const project: LinkImportProject = {
  slug: 'new-year',
  config: {
    reactivation: { controlShare: 0.1 },
    tiers: [
      { name: 'regular', minSpend: 0, maxSpend: 3000 },
      { name: 'raised', minSpend: 3000, maxSpend: 50000 },
      { name: 'vip', minSpend: 50000 },
    ],
  },
};
const now = new Date('2020-12-10T09:00:00Z');

function importText(storage: Storage, text: string, options: { share?: number; mailMergeOut?: string } = {}): Promise<LinkImportResult> {
  const withShare = { ...project, config: { ...project.config, reactivation: { controlShare: options.share ?? 0.1 } } };
  const source = { text, name: 'customers.csv' };
  return importCustomerLinks({
    project: withShare,
    storage,
    source,
    baseUrl: 'https://promo.example.ru/',
    now,
    mailMergeOut: options.mailMergeOut,
  });
}

/** Runs `test` with a fresh folder for mail-merge files, removed afterwards. */
async function inMailFolder(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rekindle-mail-merge-'));
  try {
    await test(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function expectOk(result: LinkImportResult) {
  if (!result.ok) throw new Error(`expected the import to succeed, got ${result.problems.format('customers.csv')}`);
  return result;
}

function customersCsv(count: number, segmentOf: (index: number) => string, prefix = 'c'): string {
  const rows = Array.from({ length: count }, (_, index) => `${prefix}${index},${segmentOf(index)}`);
  return `customer_id,segment\n${rows.join('\n')}\n`;
}

describe('importCustomerLinks', () => {
  it('gives each customer a personal link with a 21-character token, tier and url', async () => {
    const storage = createMemoryStorage();
    const result = expectOk(
      await importText(storage, 'ID клиента;Имя;Email;Сумма покупок\r\nc1;Анна;anna@example.com;12 345,50\r\nc2;Олег;;70 000\r\n', {
        share: 0,
      }),
    );
    const [anna, oleg] = [...result.customers];
    expect(anna).toMatchObject({
      customerId: 'c1',
      name: 'Анна',
      email: 'anna@example.com',
      spend: 12345.5,
      tier: 'raised',
      group: 'target',
      isNew: true,
    });
    expect(oleg?.tier).toBe('vip');
    expect(anna?.token).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(anna?.url).toBe(`https://promo.example.ru/new-year?c=${anna?.token}`);
    const stored = await storage.links.byToken('new-year', anna?.token ?? '');
    expect(stored).toMatchObject({ customerId: 'c1', spend: 12345.5, group: 'target', importedAt: now.toISOString() });
    expect(stored).not.toHaveProperty('email');
  });

  it('writes names holding commas and quotes to the mail-merge file quoted, as they were', async () => {
    await inMailFolder(async (dir) => {
      const text = 'customer_id;name\nc1;"Иванова, Анна ""Аня"""\nc2;Олег\n';
      const result = expectOk(await importText(createMemoryStorage(), text, { share: 0, mailMergeOut: path.join(dir, 'mail.csv') }));
      const [header, anna, oleg] = (await readFile(result.mailMerge?.targetFile ?? '', 'utf8')).split('\n');
      const [annaLink, olegLink] = [...result.customers].map((customer) => customer.url);
      expect(header).toBe('customer_id,name,email,phone,segment,tier,url');
      expect(anna).toBe(`c1,"Иванова, Анна ""Аня""",,,,,${annaLink}`);
      expect(oleg).toBe(`c2,Олег,,,,,${olegLink}`);
    });
  });

  it('writes a name that is a formula to the mailing file as text, and a phone number as it was', async () => {
    await inMailFolder(async (dir) => {
      const text = 'customer_id,name,phone\nc1,"=HYPERLINK(""http://evil.example"",""Подарок"")",+7 999 123-45-67\n';
      const result = expectOk(await importText(createMemoryStorage(), text, { share: 0, mailMergeOut: path.join(dir, 'mail.csv') }));
      const [, row] = (await readFile(result.mailMerge?.targetFile ?? '', 'utf8')).split('\n');
      expect(row).toBe(`c1,"'=HYPERLINK(""http://evil.example"",""Подарок"")",,+7 999 123-45-67,,,${[...result.customers][0]?.url}`);
    });
  });

  it('leaves the mail-merge files as they were when the links cannot be stored', async () => {
    await inMailFolder(async (dir) => {
      const out = path.join(dir, 'mail.csv');
      await writeFile(out, 'the file of an earlier import\n');
      const storage = createMemoryStorage();
      storage.links.add = async () => {
        throw new Error('disk full');
      };
      await expect(importText(storage, 'customer_id\nc1\nc2\n', { mailMergeOut: out })).rejects.toThrow('disk full');
      expect(await readFile(out, 'utf8')).toBe('the file of an earlier import\n');
      expect(await readdir(dir)).toEqual(['mail.csv']);
    });
  });

  it('leaves no temporary files when the mail-merge file cannot replace its target', async () => {
    await inMailFolder(async (dir) => {
      const out = path.join(dir, 'mail.csv');
      await mkdir(out);
      await expect(importText(createMemoryStorage(), 'customer_id\nc1\nc2\n', { mailMergeOut: out })).rejects.toThrow(/EISDIR/);
      expect((await readdir(dir)).sort()).toEqual(['mail.csv']);
    });
  });

  it('reports every bad row with its line and stores nothing', async () => {
    const storage = createMemoryStorage();
    const text = [
      'customer_id,name,email,total_spend',
      'c1,Анна,anna@example.com,100',
      ',Нет id,,',
      'c2,Олег,oleg@example.com,сто рублей',
      'c1,Анна,other@example.com,100',
      'c3,Иванова, Анна,,',
      'c4,Мария,maria.example.com,-5',
    ].join('\n');
    const result = await importText(storage, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rows).toBe(6);
    expect(result.problems.listed).toEqual([
      { line: 3, message: 'customer_id is empty' },
      { line: 4, message: 'total_spend «сто рублей» is not an amount; expected a number like 12 345,50' },
      { line: 5, message: 'customer_id c1 already appears on line 2 with a different email; keep one row per customer' },
      { line: 6, message: 'has 1 field(s) more than the header; quote values that contain the delimiter' },
      {
        line: 7,
        message: 'total_spend «-5» is negative; expected 0 or more; email «maria.example.com» is not an address like anna@example.com',
      },
    ]);
    expect(await storage.links.count('new-year')).toBe(0);
  });

  it('lists at most 50 problems and counts the rest', async () => {
    const text = `customer_id,total_spend\n${Array.from({ length: 120 }, (_, index) => `c${index},bad`).join('\n')}`;
    const result = await importText(createMemoryStorage(), text);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.count).toBe(120);
    expect(result.problems.listed).toHaveLength(50);
    expect(result.problems.format('f.csv').split('\n').at(-1)).toBe('  … and 70 more');
  });

  it('skips a row repeated word for word', async () => {
    const result = expectOk(await importText(createMemoryStorage(), 'customer_id,name\nc1,Анна\nc1,Анна\nc2,Олег\n'));
    expect(result.summary).toMatchObject({ rows: 3, customers: 2, repeatedRows: 1, newLinks: 2 });
  });

  it('reports per field which already linked customers come with other data, keeping their links as stored', async () => {
    const storage = createMemoryStorage();
    const first = expectOk(await importText(storage, 'customer_id,name,segment,total_spend\nc1,������,vip,100\nc2,Олег,vip,200\n'));
    const second = expectOk(await importText(storage, 'customer_id,name,segment\nc1,Ольга,vip\nc2,Олег,\n'));
    expect(second.summary).toMatchObject({ changedExisting: 1, changedFields: { name: 1, segment: 0, spend: 0 } });
    expect([...second.customers][0]?.token).toBe([...first.customers][0]?.token);
  });

  it('with updateExisting, repairs the name, segment and spend of linked customers without changing link or group', async () => {
    const storage = createMemoryStorage();
    const first = expectOk(await importText(storage, 'customer_id,name,segment,total_spend\nc1,������,vip,100\nc2,Олег,vip,200\n'));
    const repaired = 'customer_id,name,segment,total_spend\nc1,Ольга,sleeping,60000\nc2,Олег,vip,200\n';
    const withSource = { ...project, config: { ...project.config, reactivation: { controlShare: 0.1 } } };
    const second = await importCustomerLinks({
      project: withSource,
      storage,
      source: { text: repaired },
      baseUrl: 'https://promo.example.ru',
      now,
      updateExisting: true,
    });
    const summary = expectOk(second).summary;
    expect(summary).toMatchObject({ changedExisting: 1, changedFields: { name: 1, segment: 1, spend: 1 }, updatedExisting: true });
    const [olga] = [...first.customers];
    expect(await storage.links.byCustomerId('new-year', 'c1')).toMatchObject({
      token: olga?.token,
      group: olga?.group,
      name: 'Ольга',
      segment: 'sleeping',
      spend: 60000,
    });
    expect([...expectOk(second).customers][0]).toMatchObject({ token: olga?.token, tier: 'vip' });
  });

  it('gives a re-imported customer the same link and group, and adds a second file to the first', async () => {
    const storage = createMemoryStorage();
    const first = expectOk(
      await importText(
        storage,
        customersCsv(50, () => 'churned'),
      ),
    );
    const second = expectOk(await importText(storage, `customer_id,segment\nc7,churned\nc3,vip\nn1,churned\n`));
    const firstById = new Map([...first.customers].map((customer) => [customer.customerId, customer]));
    for (const id of ['c7', 'c3']) {
      const again = [...second.customers].find((customer) => customer.customerId === id);
      expect(again).toMatchObject({ token: firstById.get(id)?.token, group: firstById.get(id)?.group, isNew: false });
    }
    expect(second.summary).toMatchObject({
      newLinks: 1,
      existingLinks: 2,
      changedExisting: 1,
      changedFields: { name: 0, segment: 1, spend: 0 },
    });
    expect(await storage.links.count('new-year')).toBe(51);
  });
});
