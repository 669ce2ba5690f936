import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/crm/report.ts';
import { isLinkTally } from '../../../src/storage/link-summary.ts';
import type { LinkRecord, LinkStore, OrderRecord, OutboxDelivery, PlayRecord, Storage } from '../../../src/storage/types.ts';
import { NOW as REPORT_NOW, reportProject, seedReportData, SLUG as REPORT_SLUG } from '../crm/report-fixture.ts';

/** Opens a fresh, empty store; `dispose` closes it and removes whatever it created. */
export type OpenEmptyStorage = () => Promise<{ storage: Storage; dispose(): Promise<void> }>;

const PROJECT = 'new-year-traditions';
const OTHER_PROJECT = 'march-greetings';
const AT = '2026-12-14T10:00:00.000Z';

export function link(index: number, overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    project: PROJECT,
    token: `token-${index}-AbCdEfGhIjKlMn`,
    customerId: `customer-${index}`,
    group: index % 10 === 0 ? 'control' : 'target',
    importedAt: AT,
    ...overrides,
  };
}

export function order(orderId: string, customerId = 'customer-1'): OrderRecord {
  return { project: PROJECT, orderId, customerId, orderedAt: AT, amount: 4990 };
}

function delivery(id: string): OutboxDelivery {
  const payload = { id, type: 'complete', project: PROJECT, occurredAt: AT, customerId: null, player: 'anon', summary: null };
  return { payload, url: 'https://crm.example.com/hooks', secretEnv: 'REKINDLE_WEBHOOK_SECRET', attempts: 0 };
}

function byPayloadId(a: OutboxDelivery, b: OutboxDelivery): number {
  return a.payload.id.localeCompare(b.payload.id);
}

function play(player: string, state: unknown): PlayRecord {
  return { project: PROJECT, player, state, updatedAt: AT };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Records as an import hands them over: made one at a time, with a pause between them. */
async function* produced(records: readonly LinkRecord[]): AsyncGenerator<LinkRecord> {
  for (const record of records) {
    await new Promise((resolve) => setImmediate(resolve));
    yield record;
  }
}

/** What `links.byCustomerIds` reports, as a map from the position in `ids` to the link. */
async function foundByCustomerIds(storage: Storage, project: string, ids: readonly string[]): Promise<Map<number, LinkRecord>> {
  const found = new Map<number, LinkRecord>();
  await storage.links.byCustomerIds(project, { size: ids.length, customerIdAt: (index) => ids[index] ?? '' }, (index, each) => {
    if (found.has(index)) throw new Error(`byCustomerIds reported position ${index} twice`);
    found.set(index, each);
  });
  return found;
}

/** The links of `links`, except that `summarize` hands every link over whole, as a scan does. */
function withoutTallies(links: LinkStore): LinkStore {
  return new Proxy(links, {
    get(target, key) {
      if (key === 'summarize') return (project: string) => target.scan(project);
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The behaviour every Storage implementation must have, run against each of them. */
export function describeStorageContract(name: string, openEmpty: OpenEmptyStorage): void {
  describe(`${name}: Storage contract`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ storage, dispose } = await openEmpty());
    });
    afterEach(async () => {
      await dispose();
    });

    describe('links', () => {
      it('finds an added link by token and by customer id, with every field', async () => {
        const withFields = link(1, { name: 'Анна', segment: 'churned', spend: 12_500 });
        await storage.links.add(PROJECT, [withFields, link(2)]);

        expect(await storage.links.byToken(PROJECT, withFields.token)).toEqual(withFields);
        expect(await storage.links.byCustomerId(PROJECT, 'customer-2')).toEqual(link(2));
        expect(await storage.links.count(PROJECT)).toBe(2);
      });

      it('answers undefined for unknown tokens, customers and projects', async () => {
        await storage.links.add(PROJECT, [link(1)]);

        expect(await storage.links.byToken(PROJECT, 'no-such-token')).toBeUndefined();
        expect(await storage.links.byCustomerId(PROJECT, 'no-such-customer')).toBeUndefined();
        expect(await storage.links.byToken(OTHER_PROJECT, link(1).token)).toBeUndefined();
        expect(await storage.links.count(OTHER_PROJECT)).toBe(0);
      });

      it('skips customers that already have a link, so a repeated import changes nothing', async () => {
        await storage.links.add(PROJECT, [link(1), link(2)]);
        await storage.links.add(PROJECT, [link(1, { token: 'another-token-for-customer-1' }), link(2), link(3)]);

        expect(await storage.links.count(PROJECT)).toBe(3);
        expect((await storage.links.byCustomerId(PROJECT, 'customer-1'))?.token).toBe(link(1).token);
        expect(await storage.links.byToken(PROJECT, 'another-token-for-customer-1')).toBeUndefined();
      });

      it('updates the name, segment and spend of existing links, keeping token, group and import time', async () => {
        await storage.links.add(PROJECT, [
          link(1, { name: 'garbled', segment: 'old', spend: 10, arm: 'a' }),
          link(2, { segment: 'old', group: 'control' }),
        ]);
        await storage.links.updateDetails(PROJECT, [
          { customerId: 'customer-1', name: 'Ольга', segment: 'new', spend: 20 },
          { customerId: 'customer-2', segment: 'new' },
          { customerId: 'no-such-customer', name: 'nobody' },
        ]);

        expect(await storage.links.byToken(PROJECT, link(1).token)).toEqual({
          ...link(1),
          arm: 'a',
          name: 'Ольга',
          segment: 'new',
          spend: 20,
        });
        expect(await storage.links.byCustomerId(PROJECT, 'customer-2')).toEqual({ ...link(2, { group: 'control' }), segment: 'new' });
        expect(await storage.links.countsBySegment(PROJECT)).toEqual(new Map([['new', { total: 2, control: 1, arms: { a: 1 } }]]));
        expect(await storage.links.count(PROJECT)).toBe(2);
      });

      it('keeps the first link when one batch names a customer twice', async () => {
        await storage.links.add(PROJECT, [link(1), link(1, { token: 'second-token-of-customer-1' })]);

        expect(await storage.links.count(PROJECT)).toBe(1);
        expect((await storage.links.byCustomerId(PROJECT, 'customer-1'))?.token).toBe(link(1).token);
      });

      it('refuses a batch reusing a stored token and adds none of it', async () => {
        await storage.links.add(PROJECT, [link(1)]);
        const clash = link(3, { token: link(1).token });

        await expect(storage.links.add(PROJECT, [link(2), clash])).rejects.toThrow(/already belongs to customer "customer-1"/);
        expect(await storage.links.count(PROJECT)).toBe(1);
        expect(await storage.links.byCustomerId(PROJECT, 'customer-2')).toBeUndefined();
      });

      it('counts the links of each segment with their control group', async () => {
        await storage.links.add(PROJECT, [
          link(1, { segment: 'churned' }),
          link(10, { segment: 'churned' }),
          link(2),
          link(20, { segment: 'vip' }),
        ]);
        await storage.links.add(PROJECT, [link(3, { segment: 'churned' }), link(1, { segment: 'vip' })]);

        expect(await storage.links.countsBySegment(PROJECT)).toEqual(
          new Map([
            ['churned', { total: 3, control: 1 }],
            ['', { total: 1, control: 0 }],
            ['vip', { total: 1, control: 1 }],
          ]),
        );
        expect(await storage.links.countsBySegment(OTHER_PROJECT)).toEqual(new Map());
      });

      it('keeps each target link’s A/B arm and counts the arms per segment, beside links stored before arms', async () => {
        // 300 links without arms, then 300 with: with 1 024 shards, many shards hold both kinds.
        await storage.links.add(
          PROJECT,
          Array.from({ length: 300 }, (_, index) => link(index + 1000)),
        );
        const armed = Array.from({ length: 300 }, (_, index) =>
          link(index, { arm: index % 10 === 0 ? undefined : index % 2 === 0 ? 'a' : 'b' }),
        );
        await storage.links.add(PROJECT, produced(armed));

        expect((await storage.links.byToken(PROJECT, link(2).token))?.arm).toBe('a');
        expect((await storage.links.byCustomerId(PROJECT, 'customer-3'))?.arm).toBe('b');
        expect((await storage.links.byToken(PROJECT, link(1002).token))?.arm).toBeUndefined();
        const scanned = await collect(storage.links.scan(PROJECT));
        // Control links (every tenth) have no arm; of the other 270, 120 even and 150 odd.
        expect(scanned.filter((each) => each.arm === 'a')).toHaveLength(120);
        expect(scanned.filter((each) => each.arm === 'b')).toHaveLength(150);
        expect((await storage.links.countsBySegment(PROJECT)).get('')).toEqual({ total: 600, control: 60, arms: { a: 120, b: 150 } });
      });

      it('refuses a batch giving two customers one token, in one call', async () => {
        await expect(storage.links.add(PROJECT, [link(1), link(2), link(3, { token: link(2).token })])).rejects.toThrow(
          /token "token-2-AbCdEfGhIjKlMn" of customer "customer-3" already belongs to customer "customer-2"/,
        );
        expect(await storage.links.count(PROJECT)).toBe(0);
      });

      it('keeps text with quotes, backslashes, line breaks and Cyrillic exactly as given', async () => {
        const odd = link(1, { customerId: 'id "1" \\ ё', name: 'Анна «Ёлка» "Смирнова"\n\t\u0001', segment: 'a\\b', spend: 0.5 });
        await storage.links.add(PROJECT, [link(2), odd]);
        await storage.links.add(PROJECT, [link(3, { name: '' })]);

        expect(await storage.links.byToken(PROJECT, odd.token)).toEqual(odd);
        expect(await storage.links.byCustomerId(PROJECT, odd.customerId)).toEqual(odd);
        expect(await storage.links.byCustomerId(PROJECT, 'customer-3')).toEqual(link(3, { name: '' }));
      });

      it('refuses a batch holding a link of another project', async () => {
        await expect(storage.links.add(PROJECT, [link(1), link(2, { project: OTHER_PROJECT })])).rejects.toThrow(
          /record \[1\] has project "march-greetings"/,
        );
        expect(await storage.links.count(PROJECT)).toBe(0);
      });

      it('adds links produced as they are read, skipping known customers and keeping the first of two', async () => {
        await storage.links.add(PROJECT, [link(1)]);
        const records = [
          link(1, { token: 'new-token-of-customer-1' }),
          link(2, { name: 'Ёлка', spend: 0 }),
          link(3),
          link(3, { token: 'later' }),
        ];
        await storage.links.add(PROJECT, produced(records));

        expect(await storage.links.count(PROJECT)).toBe(3);
        expect(await storage.links.byCustomerId(PROJECT, 'customer-1')).toEqual(link(1));
        expect(await storage.links.byToken(PROJECT, link(2).token)).toEqual(records[1]);
        expect((await storage.links.byCustomerId(PROJECT, 'customer-3'))?.token).toBe(link(3).token);
        expect(await storage.links.byToken(PROJECT, 'later')).toBeUndefined();
      });

      it('looks up many customers in one call, by position, skipping those without a link', async () => {
        const links = Array.from({ length: 300 }, (_, index) =>
          link(index, index === 7 ? { name: 'Анна', segment: 'churned', spend: 12_500 } : {}),
        );
        await storage.links.add(PROJECT, links);
        await storage.links.add(OTHER_PROJECT, [link(1000, { project: OTHER_PROJECT })]);
        const ids = [
          'customer-7',
          'no-such-customer',
          'customer-299',
          'customer-7',
          'customer-1000',
          ...links.map((each) => each.customerId),
        ];

        const found = await foundByCustomerIds(storage, PROJECT, ids);
        expect(found.get(0)).toEqual(links[7]);
        expect(found.get(2)).toEqual(links[299]);
        expect(found.get(3)).toEqual(links[7]);
        expect(found.has(1) || found.has(4)).toBe(false);
        expect(found.size).toBe(3 + links.length);
        expect(links.every((each, index) => found.get(5 + index)?.token === each.token)).toBe(true);
        expect(await foundByCustomerIds(storage, 'march-greetings', ['customer-7'])).toEqual(new Map());
        expect(await foundByCustomerIds(storage, 'empty-project', ['customer-7'])).toEqual(new Map());
      });

      it('hands out copies from a lookup of many, so a caller mutating one does not change the store', async () => {
        await storage.links.add(PROJECT, [link(1)]);
        const found = await foundByCustomerIds(storage, PROJECT, ['customer-1']);
        const copy = found.get(0);
        if (copy) copy.group = 'control';

        expect(await storage.links.byCustomerId(PROJECT, 'customer-1')).toEqual(link(1));
      });

      it('scans every link of the project', async () => {
        const links = Array.from({ length: 300 }, (_, index) => link(index));
        await storage.links.add(PROJECT, links);
        await storage.links.add(OTHER_PROJECT, [link(1, { project: OTHER_PROJECT })]);

        const scanned = await collect(storage.links.scan(PROJECT));
        expect(scanned).toHaveLength(300);
        expect(new Set(scanned.map((each) => each.token))).toEqual(new Set(links.map((each) => each.token)));
      });

      it('summarizes: named links whole, the others counted by group, segment, spend band and arm', async () => {
        await storage.links.add(PROJECT, [
          link(1, { segment: 'churned', spend: 3000, arm: 'a', name: 'Анна' }),
          link(2, { segment: 'churned', spend: 2999.5, arm: 'a' }),
          link(3, { segment: 'churned', spend: 3000, arm: 'a' }),
          link(4, { segment: 'churned', spend: 49_999, arm: 'a' }),
          link(5, { segment: 'churned', spend: 50_000, arm: 'b' }),
          link(6, { segment: 'churned', spend: -1 }),
          link(7),
          link(8),
          link(10, { segment: 'churned', spend: 3000 }),
        ]);
        await storage.links.add(OTHER_PROJECT, [link(9, { project: OTHER_PROJECT })]);

        const items = await collect(
          storage.links.summarize(PROJECT, {
            tokens: new Set([link(1).token, 'token-of-no-link']),
            customerIds: new Set(['customer-8', 'customer-9']),
            spendBounds: [0, 3000, 50_000],
          }),
        );

        const whole = items
          .filter((item): item is LinkRecord => !isLinkTally(item))
          .sort((a, b) => a.customerId.localeCompare(b.customerId));
        expect(whole).toEqual([link(1, { segment: 'churned', spend: 3000, arm: 'a', name: 'Анна' }), link(8)]);
        expect(items.filter(isLinkTally).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
          [
            { count: 1, group: 'target', segment: 'churned', spendBand: 1, arm: 'a' },
            { count: 2, group: 'target', segment: 'churned', spendBand: 2, arm: 'a' },
            { count: 1, group: 'target', segment: 'churned', spendBand: 3, arm: 'b' },
            { count: 1, group: 'target', segment: 'churned', spendBand: 0 },
            { count: 1, group: 'target' },
            { count: 1, group: 'control', segment: 'churned', spendBand: 2 },
          ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        );
      });

      it('gives the report the same figures as a pass over every link', async () => {
        await seedReportData(storage);
        const untouched = Array.from({ length: 40 }, (_, index) =>
          link(100 + index, {
            project: REPORT_SLUG,
            segment: index % 3 === 0 ? undefined : `segment-${index % 3}`,
            spend: index % 4 === 0 ? undefined : [0, 2999, 3000, 50_000][index % 4],
            arm: index % 10 !== 0 && index % 2 === 0 ? 'b' : undefined,
          }),
        );
        await storage.links.add(REPORT_SLUG, untouched);
        const project = reportProject();
        const everyLinkWhole: Storage = { ...storage, links: withoutTallies(storage.links) };

        const summarized = await buildReport({ project, storage, now: REPORT_NOW });
        expect(summarized.linksIssued).toBe(47);
        expect(summarized).toEqual(await buildReport({ project, storage: everyLinkWhole, now: REPORT_NOW }));
      });
    });

    describe('plays', () => {
      it('creates, reads and replaces a player record', async () => {
        expect(await storage.plays.get(PROJECT, 'link:a')).toBeUndefined();
        await storage.plays.update(PROJECT, 'link:a', (current) => {
          expect(current).toBeUndefined();
          return play('link:a', { answers: [true] });
        });
        const stored = await storage.plays.update(PROJECT, 'link:a', (current) => ({
          ...play('link:a', { answers: [true, false] }),
          startedAt: current?.updatedAt,
        }));

        expect(stored.state).toEqual({ answers: [true, false] });
        expect(await storage.plays.get(PROJECT, 'link:a')).toEqual(stored);
        expect(await storage.plays.get(OTHER_PROJECT, 'link:a')).toBeUndefined();
      });

      it('runs concurrent updates of one player one after another', async () => {
        const updates = Array.from({ length: 50 }, () =>
          storage.plays.update(PROJECT, 'link:a', (current) => {
            const count = (current?.state as { count: number } | undefined)?.count ?? 0;
            return play('link:a', { count: count + 1 });
          }),
        );
        await Promise.all(updates);

        expect((await storage.plays.get(PROJECT, 'link:a'))?.state).toEqual({ count: 50 });
      });

      it('writes nothing when the change refuses, and propagates its error', async () => {
        await storage.plays.update(PROJECT, 'link:a', () => play('link:a', { step: 1 }));

        await expect(
          storage.plays.update(PROJECT, 'link:a', () => {
            throw new Error('already complete');
          }),
        ).rejects.toThrow('already complete');
        expect((await storage.plays.get(PROJECT, 'link:a'))?.state).toEqual({ step: 1 });
      });

      it('refuses a change that returns another player', async () => {
        await expect(storage.plays.update(PROJECT, 'link:a', () => play('link:b', {}))).rejects.toThrow(
          /player "link:b"; expected the same project and player/,
        );
        expect(await storage.plays.get(PROJECT, 'link:b')).toBeUndefined();
      });

      it('hands out copies, so a caller mutating a record does not change the store', async () => {
        await storage.plays.update(PROJECT, 'link:a', () => play('link:a', { answers: [] }));
        const copy = await storage.plays.get(PROJECT, 'link:a');
        (copy?.state as { answers: boolean[] } | undefined)?.answers.push(true);

        expect((await storage.plays.get(PROJECT, 'link:a'))?.state).toEqual({ answers: [] });
      });

      it('scans the latest record of each player', async () => {
        await storage.plays.update(PROJECT, 'link:a', () => play('link:a', 1));
        await storage.plays.update(PROJECT, 'link:a', () => play('link:a', 2));
        await storage.plays.update(PROJECT, 'anon:b', () => play('anon:b', 3));

        const scanned = await collect(storage.plays.scan(PROJECT));
        expect(scanned.map((each) => [each.player, each.state]).sort()).toEqual([
          ['anon:b', 3],
          ['link:a', 2],
        ]);
      });
    });

    describe('events', () => {
      it('scans the appended events of a project in order', async () => {
        await storage.events.append({ project: PROJECT, type: 'visit', at: AT, player: 'link:a' });
        await storage.events.append({ project: OTHER_PROJECT, type: 'visit', at: AT, player: 'link:a' });
        await storage.events.append({ project: PROJECT, type: 'answer', at: AT, player: 'link:a', data: { question: 2 } });

        const scanned = await collect(storage.events.scan(PROJECT));
        expect(scanned.map((event) => event.type)).toEqual(['visit', 'answer']);
        expect(scanned[1]?.data).toEqual({ question: 2 });
      });
    });

    it('refuses a project name that is not a slug, so it can never name a path', async () => {
      await expect(storage.events.append({ project: '../../etc', type: 'visit', at: AT, player: 'link:a' })).rejects.toThrow(
        /project name "..\/..\/etc" is not a valid slug/,
      );
      await expect(storage.links.add('Bad Name', [link(1, { project: 'Bad Name' })])).rejects.toThrow(/not a valid slug/);
    });

    describe('promo', () => {
      const codes = Array.from({ length: 150 }, (_, index) => `HOFF-${String(index).padStart(4, '0')}`);

      it('gives 150 codes to 150 of 200 concurrent players, never one code twice', async () => {
        await storage.promo.load(PROJECT, 'new-year', codes);
        const players = Array.from({ length: 200 }, (_, index) => `link:player-${index}`);
        const claimed = await Promise.all(players.map((player) => storage.promo.claim(PROJECT, 'new-year', player)));
        const given = claimed.filter((code) => code !== undefined);

        expect(given).toHaveLength(150);
        expect(new Set(given).size).toBe(150);
        expect(claimed.filter((code) => code === undefined)).toHaveLength(50);
        expect(await storage.promo.taken(PROJECT, 'new-year')).toBe(150);
      });

      it('gives one player one code however often and concurrently they ask', async () => {
        await storage.promo.load(PROJECT, 'new-year', codes);
        const claims = await Promise.all(Array.from({ length: 20 }, () => storage.promo.claim(PROJECT, 'new-year', 'link:a')));

        expect(new Set(claims)).toEqual(new Set([codes[0]]));
        expect(await storage.promo.claim(PROJECT, 'new-year', 'link:a')).toBe(codes[0]);
        expect(await storage.promo.taken(PROJECT, 'new-year')).toBe(1);
      });

      it('hands out codes in file order, and codes loaded later after the earlier ones, keeping holders', async () => {
        await storage.promo.load(PROJECT, 'new-year', ['A', 'B']);
        expect(await storage.promo.claim(PROJECT, 'new-year', 'link:a')).toBe('A');
        expect(await storage.promo.claim(PROJECT, 'new-year', 'link:b')).toBe('B');
        expect(await storage.promo.claim(PROJECT, 'new-year', 'link:c')).toBeUndefined();

        await Promise.all([
          storage.promo.load(PROJECT, 'new-year', ['A', 'B', 'C', 'D']),
          storage.promo.load(PROJECT, 'new-year', ['A', 'B', 'C', 'D']),
        ]);
        expect(await storage.promo.claim(PROJECT, 'new-year', 'link:c')).toBe('C');
        expect(await storage.promo.claim(PROJECT, 'new-year', 'link:a')).toBe('A');
        expect(await storage.promo.taken(PROJECT, 'new-year')).toBe(3);
      });

      it('keeps pools and projects apart, and gives nothing from a pool never loaded', async () => {
        await storage.promo.load(PROJECT, 'new-year', codes);
        await storage.promo.load(PROJECT, 'vip', ['VIP-1']);
        await storage.promo.load(OTHER_PROJECT, 'new-year', codes);
        await storage.promo.claim(PROJECT, 'new-year', 'link:a');

        expect(await storage.promo.claim(PROJECT, 'vip', 'link:a')).toBe('VIP-1');
        expect(await storage.promo.claim(OTHER_PROJECT, 'new-year', 'link:b')).toBe(codes[0]);
        expect(await storage.promo.claim(PROJECT, 'unknown-pool', 'link:a')).toBeUndefined();
        expect(await storage.promo.taken(PROJECT, 'unknown-pool')).toBe(0);
      });
    });

    describe('shares', () => {
      const share = {
        id: 'V1StGXR8_Z5jdHi6B-myT',
        project: PROJECT,
        player: 'link:a',
        content: { title: 'Я угадал 5 из 6', score: { value: 5, of: 6 } },
        createdAt: AT,
      };

      it('stores a share and finds it by id', async () => {
        await storage.shares.create(share);

        expect(await storage.shares.get(share.id)).toEqual(share);
        expect(await storage.shares.get('unknown-share')).toBeUndefined();
      });

      it('refuses a second share with the same id', async () => {
        await storage.shares.create(share);

        await expect(storage.shares.create({ ...share, player: 'link:b' })).rejects.toThrow(/already exists/);
        expect((await storage.shares.get(share.id))?.player).toBe('link:a');
      });
    });

    describe('orders', () => {
      it('adds orders once by order id and counts duplicates', async () => {
        expect(await storage.orders.add(PROJECT, [order('A-1'), order('A-2')])).toEqual({ added: 2, duplicates: 0 });
        expect(await storage.orders.add(PROJECT, [order('A-2'), order('A-3'), order('A-3')])).toEqual({
          added: 1,
          duplicates: 2,
        });

        const scanned = await collect(storage.orders.scan(PROJECT));
        expect(scanned.map((each) => each.orderId).sort()).toEqual(['A-1', 'A-2', 'A-3']);
        expect(scanned[0]).toEqual(order('A-1'));
        expect(await collect(storage.orders.scan(OTHER_PROJECT))).toEqual([]);
      });
    });

    describe('webhook outbox', () => {
      it('hands what a closed outbox left pending to exactly one other, with its attempts, never what was finished', async () => {
        const first = await storage.webhooks.open();
        await first.append([
          { op: 'queued', delivery: delivery('d1') },
          { op: 'queued', delivery: delivery('d2') },
          { op: 'queued', delivery: delivery('d3') },
        ]);
        await first.append([
          { op: 'retry', id: 'd2', attempts: 1, result: 'HTTP 500', retryAt: AT },
          { op: 'delivered', id: 'd3', attempts: 1, status: 200, at: AT },
        ]);
        await first.close({ remove: false });

        const [second, third] = await Promise.all([storage.webhooks.open(), storage.webhooks.open()]);
        const [one, other] = await Promise.all([second.adoptAbandoned(() => false), third.adoptAbandoned(() => false)]);
        const adopted = [...one.adopted, ...other.adopted].sort(byPayloadId);
        expect(adopted).toEqual([delivery('d1'), { ...delivery('d2'), attempts: 1, retryAt: AT }]);
        expect((await second.adoptAbandoned(() => false)).adopted).toEqual([]);
        await Promise.all([second.close({ remove: false }), third.close({ remove: false })]);
      });

      it('leaves alone the deliveries of an outbox still open, and those the adopter already has', async () => {
        const first = await storage.webhooks.open();
        await first.append([{ op: 'queued', delivery: delivery('d1') }]);
        const second = await storage.webhooks.open();
        expect((await second.adoptAbandoned(() => false)).adopted).toEqual([]);

        await first.close({ remove: false });
        expect((await second.adoptAbandoned((id) => id === 'd1')).adopted).toEqual([]);
        await second.close({ remove: true });
      });
    });

    describe('admin sign-in', () => {
      const minute = 60_000;
      const start = Date.parse(AT);

      it('keeps failed sign-ins per client, newest after `since`, until cleared', async () => {
        for (const offset of [0, 2, 4]) await storage.admin.recordLoginFailure('10.0.0.1', start + offset * minute);
        await storage.admin.recordLoginFailure('10.0.0.2', start);

        expect(await storage.admin.loginFailures('10.0.0.1', start + minute)).toEqual([start + 2 * minute, start + 4 * minute]);
        await storage.admin.clearLoginFailures('10.0.0.1');
        expect(await storage.admin.loginFailures('10.0.0.1', 0)).toEqual([]);
        expect(await storage.admin.loginFailures('10.0.0.2', 0)).toEqual([start]);
      });

      it('refuses a signed-out session until it would have expired anyway', async () => {
        await storage.admin.revokeSession('1765000000000.nonce.signature', start + 10 * minute);

        expect(await storage.admin.isSessionRevoked('1765000000000.nonce.signature', start)).toBe(true);
        expect(await storage.admin.isSessionRevoked('1765000000000.other.signature', start)).toBe(false);
        expect(await storage.admin.isSessionRevoked('1765000000000.nonce.signature', start + 11 * minute)).toBe(false);
      });
    });
  });
}
