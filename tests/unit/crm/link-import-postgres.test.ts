import { describe, expect, it } from 'vitest';
import { importCustomerLinks, type LinkImportProject, type LinkImportResult } from '../../../src/crm/link-import.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import { createPostgresStorage } from '../../../src/storage/postgres/index.ts';
import type { Storage } from '../../../src/storage/types.ts';
import { postgresUnavailable } from '../../support/postgres-cluster.ts';
import { clusterForThisFile } from '../../support/postgres-for-tests.ts';

/** The customer import on PostgreSQL, whose links.add inserts straight from COPY: the same outcome as on the memory store. */

const project: LinkImportProject = {
  slug: 'new-year',
  config: { reactivation: { controlShare: 0.1 }, tiers: [{ name: 'vip', minSpend: 50000 }] },
};
const now = new Date('2020-12-10T09:00:00Z');
const unavailable = postgresUnavailable();

function importText(storage: Storage, text: string, updateExisting = false): Promise<LinkImportResult> {
  return importCustomerLinks({
    project,
    storage,
    source: { text, name: 'customers.csv' },
    baseUrl: 'https://promo.example.ru/',
    now,
    updateExisting,
  });
}

function expectOk(result: LinkImportResult) {
  if (!result.ok) throw new Error(`expected the import to succeed, got ${result.problems.format('customers.csv')}`);
  return result;
}

function customersCsv(count: number): string {
  const rows = Array.from({ length: count }, (_, index) => `c${index},Имя ${index},${index % 3 === 0 ? 'vip' : 'churned'},${index * 1000}`);
  return `customer_id,name,segment,total_spend\n${rows.join('\n')}\n`;
}

describe.skipIf(unavailable)('importCustomerLinks on PostgreSQL', () => {
  const { freshDatabase } = clusterForThisFile('rekindle_import');
  const freshStorage = async () => createPostgresStorage({ url: await freshDatabase() });

  it('draws the same control group as the memory store, segment by segment', async () => {
    const storage = await freshStorage();
    const memory = createMemoryStorage();
    const onPostgres = expectOk(await importText(storage, customersCsv(300)));
    const inMemory = expectOk(await importText(memory, customersCsv(300)));

    const groups = (result: typeof onPostgres) => [...result.customers].map((customer) => [customer.customerId, customer.group]);
    expect(groups(onPostgres)).toEqual(groups(inMemory));
    expect(await storage.links.countsBySegment('new-year')).toEqual(await memory.links.countsBySegment('new-year'));
    await storage.close();
  });

  it('gives a re-imported customer the same link and group, adds the new ones, and repairs details with --update', async () => {
    const storage = await freshStorage();
    const first = expectOk(await importText(storage, customersCsv(50)));
    const second = expectOk(
      await importText(storage, 'customer_id,name,segment,total_spend\nc7,Ольга,sleeping,60000\nn1,Новый,churned,10\n', true),
    );

    const olga = [...first.customers].find((customer) => customer.customerId === 'c7');
    expect([...second.customers].find((customer) => customer.customerId === 'c7')).toMatchObject({
      token: olga?.token,
      group: olga?.group,
      isNew: false,
    });
    expect(second.summary).toMatchObject({ newLinks: 1, existingLinks: 1, updatedExisting: true });
    expect(await storage.links.byCustomerId('new-year', 'c7')).toMatchObject({
      token: olga?.token,
      name: 'Ольга',
      segment: 'sleeping',
      spend: 60000,
    });
    expect(await storage.links.count('new-year')).toBe(51);
    await storage.close();
  });
});
