import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportProject } from '../../../src/crm/report.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import type { AudienceGroup, Storage, TrackedEvent } from '../../../src/storage/types.ts';

export const SLUG = 'new-year';

/** A project whose mailing went out on 2020-12-14 (Moscow) with a 30-day window, as the seed's quiz. */
export function reportProject(reactivation: Partial<ReportProject['config']['reactivation']> = {}): ReportProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'rekindle-crm-'));
  writeFileSync(path.join(dir, 'codes.csv'), 'code\nNY-001\nNY-002\nNY-003\n');
  return {
    slug: SLUG,
    dir,
    config: {
      kind: 'test-quiz',
      locale: 'ru',
      branding: { brandName: 'Hoff', colors: { primary: '#e30613', text: '#1d1d1b' } },
      schedule: { timezone: 'Europe/Moscow' },
      reactivation: {
        forecast: 2,
        sentAt: '2020-12-14',
        windowDays: 30,
        from: 'send',
        counts: 'purchase',
        controlShare: 0.1,
        ...reactivation,
      },
      tiers: [
        { name: 'regular', minSpend: 0, maxSpend: 3000 },
        { name: 'vip', minSpend: 50000 },
      ],
      gift: {
        kind: 'promo-code',
        title: 'Промокод',
        pool: 'codes.csv',
        fallback: { title: 'Коды закончились', text: 'Спасибо за игру' },
      },
      giftRules: [],
    },
  };
}

interface CustomerSpec {
  id: string;
  group: AudienceGroup;
  segment?: string;
  spend?: number;
}

/** Target A–E and control F–G; the token of customer X is `token-X-padded0000`. */
export const CUSTOMERS: CustomerSpec[] = [
  { id: 'A', group: 'target', segment: 'churned', spend: 1000 },
  { id: 'B', group: 'target', segment: 'churned', spend: 1000 },
  { id: 'C', group: 'target', segment: 'churned', spend: 60000 },
  { id: 'D', group: 'target', segment: 'at-risk', spend: 60000 },
  { id: 'E', group: 'target', segment: 'at-risk' },
  { id: 'F', group: 'control', segment: 'churned', spend: 1000 },
  { id: 'G', group: 'control', segment: 'at-risk' },
];

export function tokenOf(customerId: string): string {
  return `token-${customerId}-padded0000`;
}

/**
 * Orders around the window edges (send date 2020-12-14 00:00 Moscow, 30 days, so the last day
 * counted is 2021-01-12):
 * A buys the evening before the send date; B on day 30 at 23:59:59; C at 00:00 of day 31;
 * D first for 0 ₽ (not a purchase), then on 2020-12-25; control F on 2020-12-15; X has no link.
 */
export async function seededStorage(): Promise<Storage> {
  const storage = createMemoryStorage();
  await seedReportData(storage);
  return storage;
}

/** The customers, orders, events, plays and promo claims above, in `storage`. */
export async function seedReportData(storage: Storage): Promise<void> {
  await storage.links.add(
    SLUG,
    CUSTOMERS.map((customer) => ({
      project: SLUG,
      token: tokenOf(customer.id),
      customerId: customer.id,
      segment: customer.segment,
      spend: customer.spend,
      group: customer.group,
      importedAt: '2020-12-10T09:00:00.000Z',
    })),
  );
  await storage.orders.add(SLUG, [
    order('o-a', 'A', '2020-12-13T23:59:00+03:00', 5000),
    order('o-b', 'B', '2021-01-12T23:59:59+03:00', 5000),
    order('o-c', 'C', '2021-01-13T00:00:00+03:00', 5000),
    order('o-d0', 'D', '2020-12-20T12:00:00+03:00', 0),
    order('o-d1', 'D', '2020-12-25T12:00:00+03:00', 900),
    order('o-f', 'F', '2020-12-15T12:00:00+03:00', 1200),
    order('o-x', 'X', '2020-12-16T12:00:00+03:00', 700),
  ]);
  const link = (id: string) => `link:${tokenOf(id)}`;
  const events: [TrackedEvent['type'], string, string, TrackedEvent['data']?][] = [
    ['visit', link('A'), '2020-12-13T10:00:00+03:00'],
    ['visit', link('C'), '2020-12-20T12:00:00+03:00'],
    ['visit', link('C'), '2020-12-21T12:00:00+03:00'],
    ['start', link('C'), '2020-12-20T12:01:00+03:00'],
    ['complete', link('C'), '2020-12-20T12:05:00+03:00'],
    ['gift-open', link('C'), '2020-12-20T12:06:00+03:00'],
    ['share-click', link('C'), '2020-12-20T12:07:00+03:00', { network: 'vk' }],
    ['visit', 'anon:friend-one-abcdefgh', '2020-12-20T15:00:00+03:00'],
    ['visit', 'anon:friend-one-abcdefgh', '2020-12-20T16:00:00+03:00'],
    ['visit', 'anon:friend-two-abcdefgh', '2020-12-21T15:00:00+03:00'],
    ['share-click', 'anon:friend-one-abcdefgh', '2020-12-20T16:30:00+03:00', { network: 'telegram' }],
    ['share-visit', 'anon:friend-two-abcdefgh', '2020-12-21T14:59:00+03:00', { share: 'share-id-1' }],
    // After the report's `now`: must not count.
    ['visit', link('E'), '2021-03-01T12:00:00+03:00'],
  ];
  for (const [type, player, at, data] of events) {
    await storage.events.append({ project: SLUG, type, player, at: new Date(at).toISOString(), data });
  }
  await storage.plays.update(SLUG, link('C'), () => ({
    project: SLUG,
    player: link('C'),
    state: { answers: [true, false] },
    startedAt: '2020-12-20T09:01:00.000Z',
    completedAt: '2020-12-20T09:05:00.000Z',
    updatedAt: '2020-12-20T09:05:00.000Z',
  }));
  await storage.plays.update(SLUG, link('A'), () => ({
    project: SLUG,
    player: link('A'),
    state: { answers: [true] },
    startedAt: '2020-12-13T07:01:00.000Z',
    updatedAt: '2020-12-13T07:02:00.000Z',
  }));
  await storage.plays.update(SLUG, 'anon:friend-one-abcdefgh', () => ({
    project: SLUG,
    player: 'anon:friend-one-abcdefgh',
    state: { answers: [true, true] },
    referredBy: 'share-id-1',
    startedAt: '2020-12-20T12:01:00.000Z',
    completedAt: '2020-12-20T12:04:00.000Z',
    updatedAt: '2020-12-20T12:04:00.000Z',
  }));
  await storage.promo.load(SLUG, 'codes.csv', ['NY-001', 'NY-002', 'NY-003']);
  await storage.promo.claim(SLUG, 'codes.csv', link('C'));
}

function order(orderId: string, customerId: string, at: string, amount: number) {
  return { project: SLUG, orderId, customerId, orderedAt: new Date(at).toISOString(), amount };
}

export const NOW = new Date('2021-02-01T00:00:00Z');
