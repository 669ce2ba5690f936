import { describe, expect, it } from 'vitest';
import { StorageSettingError, StorageUnavailableError } from '../../../src/storage/errors.ts';
import { connect, createPostgresStorage } from '../../../src/storage/postgres/index.ts';
import { migrate } from '../../../src/storage/postgres/migrate.ts';
import { postgresUnavailable } from '../../support/postgres-cluster.ts';
import { clusterForThisFile } from '../../support/postgres-for-tests.ts';
import { describeStorageContract, link } from './contract.ts';

const PROJECT = 'new-year-traditions';
const unavailable = postgresUnavailable();
if (unavailable) console.warn(`PostgreSQL store tests skipped: ${unavailable}`);

describe.skipIf(unavailable)('PostgreSQL store', () => {
  const postgresForTests = clusterForThisFile('rekindle_test');
  const { freshDatabase } = postgresForTests;

  describeStorageContract('postgres', async () => {
    const storage = await createPostgresStorage({ url: await freshDatabase() });
    return { storage, dispose: () => storage.close() };
  });

  it('gives a code to one player only when two instances race for a pool', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([createPostgresStorage({ url }), createPostgresStorage({ url })]);
    const codes = Array.from({ length: 100 }, (_, index) => `CODE-${index}`);
    await Promise.all([first.promo.load(PROJECT, 'pool', codes), second.promo.load(PROJECT, 'pool', codes)]);
    const players = Array.from({ length: 200 }, (_, index) => `link:p${index}`);
    const claimed = await Promise.all(
      players.map((player, index) => (index % 2 === 0 ? first : second).promo.claim(PROJECT, 'pool', player)),
    );
    const given = claimed.filter((code) => code !== undefined);

    expect(given).toHaveLength(100);
    expect(new Set(given).size).toBe(100);
    expect(await second.promo.taken(PROJECT, 'pool')).toBe(100);
    await Promise.all([first.close(), second.close()]);
  });

  it('runs a player’s updates one after another across two instances', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([createPostgresStorage({ url }), createPostgresStorage({ url })]);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 === 0 ? first : second).plays.update(PROJECT, 'link:a', (current) => ({
          project: PROJECT,
          player: 'link:a',
          state: { count: ((current?.state as { count?: number } | undefined)?.count ?? 0) + 1 },
          updatedAt: '2026-12-14T10:00:00.000Z',
        })),
      ),
    );
    expect((await first.plays.get(PROJECT, 'link:a'))?.state).toEqual({ count: 40 });
    await Promise.all([first.close(), second.close()]);
  });

  it('applies each migration once when instances start at the same moment', async () => {
    const url = await freshDatabase();
    const pools = Array.from({ length: 4 }, () => connect({ url, maxConnections: 2 }));
    const applied = await Promise.all(pools.map((sql) => migrate(sql)));

    expect(applied.flat()).toEqual([1, 2, 3, 4]);
    expect(await migrate(pools[0]!)).toEqual([]);
    await Promise.all(pools.map((sql) => sql.end()));
  });

  it('refuses a malformed or unreachable URL, naming the setting and the cause', async () => {
    await expect(createPostgresStorage({ url: 'mysql://localhost/db' })).rejects.toThrow(
      /^REKINDLE_DATABASE_URL is not a PostgreSQL URL \("?mysql:\/\/localhost\/db"?\)/,
    );
    const closed = `postgres://postgres:secret@127.0.0.1:${postgresForTests.cluster.port + 1}/rekindle`;
    const refused = createPostgresStorage({ url: closed });
    await expect(refused).rejects.toBeInstanceOf(StorageSettingError);
    await expect(refused).rejects.toThrow(
      /^REKINDLE_DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/rekindle\): connection refused/,
    );
    await expect(
      createPostgresStorage({ url: `postgres://postgres@127.0.0.1:${postgresForTests.cluster.port}/no_such_db` }),
    ).rejects.toThrow(/database "no_such_db" does not exist; create it first/);
  });

  it('answers StorageUnavailableError while the database is away under load, loses nothing acknowledged, and recovers by itself', async () => {
    const url = await freshDatabase();
    const storage = await createPostgresStorage({ url });
    await storage.links.add(PROJECT, [link(1)]);
    const acknowledged: number[] = [];
    const refusals: unknown[] = [];
    let next = 0;
    let writing = true;
    const writers = Array.from({ length: 8 }, async () => {
      while (writing) {
        const index = next++;
        try {
          await storage.events.append({
            project: PROJECT,
            type: 'visit',
            at: '2026-12-14T10:00:00.000Z',
            player: `link:${index}`,
            data: { index },
          });
          acknowledged.push(index);
        } catch (error) {
          refusals.push(error);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    });
    const whenAcknowledged = async (count: number) => {
      while (acknowledged.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    await whenAcknowledged(200);
    await postgresForTests.cluster.stop();
    try {
      await expect(storage.links.byToken(PROJECT, link(1).token)).rejects.toBeInstanceOf(StorageUnavailableError);
      while (refusals.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      await postgresForTests.cluster.start();
    }
    const beforeRecovery = acknowledged.length;
    await whenAcknowledged(beforeRecovery + 200);
    writing = false;
    await Promise.all(writers);

    expect(refusals.every((error) => error instanceof StorageUnavailableError)).toBe(true);
    expect(await storage.links.byToken(PROJECT, link(1).token)).toEqual(link(1));
    const stored = new Set<unknown>();
    for await (const event of storage.events.scan(PROJECT)) stored.add(event.data?.index);
    expect(acknowledged.filter((index) => !stored.has(index))).toEqual([]);
    await storage.close();
  }, 90_000);
});
