import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCustomerLinks, type LinkImportProject, type LinkImportResult } from '../../../src/crm/link-import.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import type { LinkRecord, Storage } from '../../../src/storage/types.ts';

const project: LinkImportProject = {
  slug: 'ab-test',
  config: { reactivation: { controlShare: 0.1 }, tiers: [], variants: [{ id: 'a' }, { id: 'b' }] },
};
const now = new Date('2020-12-10T09:00:00Z');

function customersCsv(from: number, to: number, segmentOf: (index: number) => string): string {
  const rows = Array.from({ length: to - from }, (_, offset) => `c${from + offset},${segmentOf(from + offset)}`);
  return `customer_id,segment\n${rows.join('\n')}\n`;
}

async function importText(storage: Storage, text: string, mailMergeOut?: string): Promise<LinkImportResult & { ok: true }> {
  const result = await importCustomerLinks({
    project,
    storage,
    source: { text, name: 'customers.csv' },
    baseUrl: 'https://promo.example.ru',
    now,
    mailMergeOut,
  });
  if (!result.ok) throw new Error(result.problems.format('customers.csv'));
  return result;
}

async function linksOf(storage: Storage): Promise<LinkRecord[]> {
  const links: LinkRecord[] = [];
  for await (const link of storage.links.scan(project.slug)) links.push(link);
  return links;
}

/** Target links per segment and arm, e.g. { 'churned:a': 405 }. */
function armCounts(links: LinkRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const link of links) {
    const key = link.group === 'control' ? `${link.segment}:control` : `${link.segment}:${link.arm}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const segmentOf = (index: number) => (index % 3 === 0 ? 'vip' : 'churned');

describe('A/B arms at import', () => {
  it('splits the target group of each segment evenly between the arms and gives control customers none', async () => {
    const storage = createMemoryStorage();
    const result = await importText(storage, customersCsv(0, 1001, segmentOf));
    // churned: 667 customers → 67 control, 600 target → 300 / 300; vip: 334 → 33 control, 301 → 151 / 150.
    expect(armCounts(await linksOf(storage))).toEqual({
      'churned:control': 67,
      'churned:a': 300,
      'churned:b': 300,
      'vip:control': 33,
      'vip:a': 151,
      'vip:b': 150,
    });
    expect(result.summary.byArm).toEqual({ a: 451, b: 450 });
  });

  it('gives the same file the same arms in another store, and a re-imported customer their arm', async () => {
    const text = customersCsv(0, 400, segmentOf);
    const [first, second] = [createMemoryStorage(), createMemoryStorage()];
    await importText(first, text);
    await importText(second, text);
    const armOf = async (storage: Storage) => new Map((await linksOf(storage)).map((link) => [link.customerId, link.arm]));
    expect(await armOf(second)).toEqual(await armOf(first));
    const again = await importText(first, text);
    expect(again.summary.newLinks).toBe(0);
    expect([...again.customers].map((customer) => [customer.customerId, customer.arm])).toEqual([...(await armOf(first))]);
  });

  it('keeps the shares when a second file adds customers', async () => {
    const storage = createMemoryStorage();
    await importText(
      storage,
      customersCsv(0, 301, () => 'churned'),
    );
    await importText(
      storage,
      customersCsv(301, 1001, () => 'churned'),
    );
    // 1 001 customers → 100 control, 901 target → 451 / 450, as if they had come in one file.
    expect(armCounts(await linksOf(storage))).toEqual({ 'churned:control': 100, 'churned:a': 451, 'churned:b': 450 });
  });

  it('names each mailed customer’s arm in the mailing file, and none in the control list', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rekindle-arms-'));
    try {
      const result = await importText(
        createMemoryStorage(),
        customersCsv(0, 50, () => 'churned'),
        path.join(dir, 'mail.csv'),
      );
      const [header, ...rows] = (await readFile(path.join(dir, 'mail.csv'), 'utf8')).trim().split('\n');
      expect(header).toBe('customer_id,name,email,phone,segment,tier,arm,url');
      const armById = new Map([...result.customers].map((customer) => [customer.customerId, customer.arm]));
      for (const row of rows) {
        const [customerId, , , , , , arm] = row.split(',');
        expect(arm, row).toBe(armById.get(customerId ?? ''));
        expect(['a', 'b']).toContain(arm);
      }
      expect((await readFile(path.join(dir, 'mail.control.csv'), 'utf8')).split('\r\n')[0]).toBe('\uFEFFcustomer_id;name;segment;tier');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
