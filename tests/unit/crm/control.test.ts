import { describe, expect, it } from 'vitest';
import { assignGroups, controlDraw, controlTarget, type Newcomers } from '../../../src/crm/control.ts';
import { importCustomerLinks, type LinkImportProject } from '../../../src/crm/link-import.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';

function newcomers(count: number, segment: string, prefix = 'c') {
  return Array.from({ length: count }, (_, index) => ({ customerId: `${prefix}${index}`, segment }));
}

function asNewcomers(items: readonly { customerId: string; segment: string }[]): Newcomers {
  return {
    size: items.length,
    customerIdAt: (index) => items[index]?.customerId ?? '',
    segmentAt: (index) => items[index]?.segment ?? '',
  };
}

function controlCount(groups: readonly string[]): number {
  return groups.filter((group) => group === 'control').length;
}

describe('assignGroups', () => {
  it('is deterministic: the same customers split the same way, whatever their order', () => {
    const customers = newcomers(1000, 'churned');
    const once = assignGroups({ project: 'p', share: 0.1, newcomers: asNewcomers(customers), existing: new Map() });
    const reversed = assignGroups({ project: 'p', share: 0.1, newcomers: asNewcomers([...customers].reverse()), existing: new Map() });
    expect(reversed.reverse()).toEqual(once);
    const otherProject = assignGroups({ project: 'q', share: 0.1, newcomers: asNewcomers(customers), existing: new Map() });
    expect(otherProject).not.toEqual(once);
  });

  it('keeps the share in every segment, small ones included', () => {
    const customers = [
      ...newcomers(1000, 'churned', 'a'),
      ...newcomers(37, 'vip', 'b'),
      ...newcomers(4, 'rare', 'c'),
      ...newcomers(6, '', 'd'),
    ];
    const groups = assignGroups({ project: 'p', share: 0.1, newcomers: asNewcomers(customers), existing: new Map() });
    const controlOf = (segment: string) => controlCount(groups.filter((_, index) => customers[index]?.segment === segment));
    // round(0.1 × 1000) = 100, round(3.7) = 4, round(0.4) = 0, round(0.6) = 1
    expect([controlOf('churned'), controlOf('vip'), controlOf('rare'), controlOf('')]).toEqual([100, 4, 0, 1]);
  });

  it('tops a segment up from a second file so the whole segment keeps the share', () => {
    // 4 earlier links, none in control (round(0.4) = 0); 2 more make 6, so round(0.6) = 1 joins control.
    const groups = assignGroups({
      project: 'p',
      share: 0.1,
      newcomers: asNewcomers(newcomers(2, 'rare', 'late')),
      existing: new Map([['rare', { total: 4, control: 0 }]]),
    });
    expect(controlCount(groups)).toBe(1);
    // A segment already over its share gets no more control customers.
    const over = assignGroups({
      project: 'p',
      share: 0.1,
      newcomers: asNewcomers(newcomers(5, 'vip')),
      existing: new Map([['vip', { total: 10, control: 3 }]]),
    });
    expect(controlCount(over)).toBe(0);
  });

  it('draws uniformly: sequential ids fall evenly into the halves of the hash range', () => {
    const draws = Array.from({ length: 10_000 }, (_, index) => controlDraw('p', `C${index}`));
    const lowHalf = draws.filter((draw) => draw < 2 ** 52).length;
    expect(lowHalf).toBeGreaterThan(4800);
    expect(lowHalf).toBeLessThan(5200);
  });

  it('rounds share × size to the nearest whole customer', () => {
    expect(controlTarget(15, 0.1)).toBe(2);
    expect(controlTarget(14, 0.1)).toBe(1);
  });
});

describe('control group across imports', () => {
  const project: LinkImportProject = { slug: 'p', config: { reactivation: { controlShare: 0.1 }, tiers: [] } };
  const csv = (ids: string[]) => `customer_id,segment\n${ids.map((id) => `${id},churned`).join('\n')}\n`;
  const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

  async function importIds(storage: ReturnType<typeof createMemoryStorage>, customerIds: string[]) {
    const result = await importCustomerLinks({
      project,
      storage,
      source: { text: csv(customerIds) },
      baseUrl: 'http://localhost:4321',
      now: new Date(),
    });
    if (!result.ok) throw new Error(result.problems.format('test'));
    return new Map([...result.customers].map((customer) => [customer.customerId, customer.group]));
  }

  it('splits the same file the same way in two fresh stores', async () => {
    const first = await importIds(createMemoryStorage(), ids('c', 300));
    const second = await importIds(createMemoryStorage(), ids('c', 300));
    expect([...second]).toEqual([...first]);
  });

  it('holds out the customers with the lowest draws, on a first file and among the newcomers of a second', async () => {
    const lowest = (customerIds: string[], count: number) =>
      [...customerIds]
        .sort((a, b) => controlDraw('p', a) - controlDraw('p', b))
        .slice(0, count)
        .sort();
    const controlOf = (groups: Map<string, string>, prefix: string) =>
      [...groups]
        .filter(([id, group]) => group === 'control' && id.startsWith(prefix))
        .map(([id]) => id)
        .sort();
    const storage = createMemoryStorage();
    const first = await importIds(storage, ids('a', 95));
    expect(controlOf(first, 'a')).toEqual(lowest(ids('a', 95), 10));
    const second = await importIds(storage, [...ids('a', 95), ...ids('b', 105)]);
    expect(controlOf(second, 'b')).toEqual(lowest(ids('b', 105), 10));
  });

  it('keeps existing groups on re-import and keeps the segment at its share after a second file', async () => {
    const storage = createMemoryStorage();
    const first = await importIds(storage, ids('a', 95));
    const again = await importIds(storage, [...ids('a', 95), ...ids('b', 105)]);
    for (const [id, group] of first) expect(again.get(id)).toBe(group);
    let control = 0;
    for await (const link of storage.links.scan('p')) if (link.group === 'control') control++;
    // round(0.1 × 95) = 10 after the first file; round(0.1 × 200) = 20 after the second.
    expect([...first.values()].filter((group) => group === 'control')).toHaveLength(10);
    expect(control).toBe(20);
  });
});
