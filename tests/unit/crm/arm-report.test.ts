import { describe, expect, it } from 'vitest';
import { exportCustomerStatus } from '../../../src/crm/customer-status.ts';
import { buildReport } from '../../../src/crm/report.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import type { LinkRecord } from '../../../src/storage/types.ts';
import { reportProject, SLUG } from './report-fixture.ts';

/**
 * 100 customers in each of arms a and b and 100 held out; inside the window 40 of arm a, 16 of
 * arm b and 15 of the control group buy.
 */
async function abStorage() {
  const storage = createMemoryStorage();
  const groups: [string, LinkRecord['group'], string | undefined, number][] = [
    ['a', 'target', 'a', 40],
    ['b', 'target', 'b', 16],
    ['k', 'control', undefined, 15],
  ];
  for (const [prefix, group, arm, buyers] of groups) {
    const links = Array.from(
      { length: 100 },
      (_, index): LinkRecord => ({
        project: SLUG,
        token: `token-${prefix}${index}-padded00000`,
        customerId: `${prefix}${index}`,
        group,
        ...(arm ? { arm } : {}),
        importedAt: '2020-12-10T09:00:00.000Z',
      }),
    );
    await storage.links.add(SLUG, links);
    await storage.orders.add(
      SLUG,
      links.slice(0, buyers).map((link) => ({
        project: SLUG,
        orderId: `o-${link.customerId}`,
        customerId: link.customerId,
        orderedAt: '2020-12-20T09:00:00.000Z',
        amount: 1000,
      })),
    );
  }
  return storage;
}

describe('buildReport: A/B arms', () => {
  it('shows each arm against control and against the other, and calls a winner only when the interval clears zero', async () => {
    const project = reportProject();
    project.config.variants = [{ id: 'a' }, { id: 'b' }];
    const report = await buildReport({ project, storage: await abStorage(), now: new Date('2021-02-01T00:00:00Z') });
    const [a, b] = report.ab.arms;
    expect(a).toMatchObject({
      arm: 'a',
      links: 100,
      reactivated: 40,
      reactivationRate: 0.4,
      vsControl: { status: 'measured', verdict: 'gain' },
    });
    // 16% against 15%: the interval straddles zero, so arm b is not called better than nothing.
    expect(b).toMatchObject({ arm: 'b', links: 100, reactivated: 16, vsControl: { status: 'measured', verdict: 'unclear' } });
    expect(report.ab.comparisons).toEqual([
      { arm: 'a', other: 'b', lift: expect.objectContaining({ status: 'measured', verdict: 'gain' }) },
    ]);
    expect(report.target).toMatchObject({ links: 200, reactivated: 56 });
  });

  it('still shows arms stored with links after the config dropped them, and none where no link has one', async () => {
    const report = await buildReport({ project: reportProject(), storage: await abStorage(), now: new Date('2021-02-01T00:00:00Z') });
    // The links carry arms from an earlier config: they are still shown, so no result is hidden.
    expect(report.ab.arms.map((arm) => arm.arm)).toEqual(['a', 'b']);
    const plain = createMemoryStorage();
    expect((await buildReport({ project: reportProject(), storage: plain, now: new Date() })).ab).toEqual({ arms: [], comparisons: [] });
  });
});

describe('exportCustomerStatus: A/B arms', () => {
  it("names each customer's arm in the last column, empty for the control group", async () => {
    const project = reportProject();
    project.config.variants = [{ id: 'a' }, { id: 'b' }];
    const lines: string[] = [];
    for await (const line of exportCustomerStatus({ project, storage: await abStorage(), now: new Date('2021-02-01T00:00:00Z') }))
      lines.push(line);
    expect(lines[0]?.trimEnd().split(',').at(-1)).toBe('arm');
    const armOf = (customerId: string) =>
      lines
        .find((line) => line.startsWith(`${customerId},`))
        ?.trimEnd()
        .split(',')
        .at(-1);
    expect([armOf('a0'), armOf('b7'), armOf('k3')]).toEqual(['a', 'b', '']);
  });
});
