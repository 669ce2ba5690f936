/**
 * The PostgreSQL store on a cluster of its own on this machine (durable settings: fsync on,
 * synchronous commit), each figure beside a bare baseline with the same driver in the same run:
 * 1 000 000 links imported (COPY into a temporary table, then one INSERT … SELECT) vs a bare
 * COPY; random byToken lookups, 64 in flight over the store's default pool (the driver pipelines
 * them), vs the bare SELECT on a pool of the same size; the dashboard report of those links with
 * 100 000 visitors vs a bare scan of the links; 256 concurrent event appenders for 5 s, each
 * acknowledged after commit, vs a bare loop of 1 000-row INSERTs into a table shaped like
 * `events` (same columns and indexes). The machine's load average is printed beside them: on a
 * shared box compare the ratios.
 * Run: node bench/postgres.ts
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import { loadProject } from '../src/config/load.ts';
import { buildReport } from '../src/crm/report.ts';
import { connect, createPostgresStorage } from '../src/storage/postgres/index.ts';
import type { LinkRecord, Storage } from '../src/storage/types.ts';
import { startPostgresCluster } from '../tests/support/postgres-cluster.ts';

const PROJECT = 'new-year-traditions';
const LINKS = 1_000_000;
const VISITOR_EVERY = 10;
const LOOKUPS = 20_000;
/** Lookups in flight: a server with many players has many; fewer leave each connection idle between round trips. */
const LOOKUP_CONCURRENCY = 64;
/**
 * Requests in flight at once. By Little's law 64 of them cap any store at 64 / commit latency
 * (about 6 400/s at 10 ms per fsync'd commit), so this bench offers the load the figure asks for.
 */
const APPENDERS = 256;
const APPEND_SECONDS = 5;

export async function benchPostgres(): Promise<Record<string, number | string>> {
  const loadAtStart = Number(loadavg()[0]?.toFixed(1));
  const cluster = await startPostgresCluster({ durable: true });
  try {
    const url = await cluster.createDatabase('bench');
    const storage = await createPostgresStorage({ url });
    const sql = connect({ url });
    try {
      const tokens: string[] = [];
      const importSeconds = await timeSeconds(() => storage.links.add(PROJECT, generateLinks(tokens)));
      const importPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const bareCopySeconds = await timeSeconds(() => bareCopy(sql));
      const indexedCopySeconds = await timeSeconds(() => bareCopy(sql, { indexed: true }));

      const sample = Array.from({ length: LOOKUPS }, () => tokens[Math.floor(Math.random() * tokens.length)] ?? '');
      const byToken = (token: string) => storage.links.byToken(PROJECT, token);
      const bareSelect = (token: string) => sql`SELECT token FROM links WHERE project = ${PROJECT} AND token = ${token}`;
      // Both warm up first (index pages the bare COPY pushed out, connections, compiled code): the first of them would pay for both.
      await perSecond(sample.slice(0, LOOKUPS / 4), byToken);
      await perSecond(sample.slice(0, LOOKUPS / 4), bareSelect);
      const byTokenPerSecond = await perSecond(sample, byToken);
      const bareSelectPerSecond = await perSecond(sample, bareSelect);

      const visitors = tokens.filter((_, index) => index % VISITOR_EVERY === 1);
      tokens.length = 0;
      await addVisits(storage, visitors);
      const project = await loadProject(fileURLToPath(new URL(`../projects/${PROJECT}`, import.meta.url)));
      const reportSeconds = Math.min(
        await timeSeconds(() => buildReport({ project, storage, now: new Date() })),
        await timeSeconds(() => buildReport({ project, storage, now: new Date() })),
      );
      const bareScanSeconds = await timeSeconds(async () => {
        for await (const rows of sql`SELECT token, customer_id, segment, control FROM links WHERE project = ${PROJECT}`.cursor(1000))
          if (rows.length === 0) break;
      });

      // The imports above wrote about a gigabyte of WAL: a checkpoint it set off would stall the commits timed next.
      await sql`CHECKPOINT`;
      const ingestion = await appendFor(storage);
      await sql`CHECKPOINT`;
      const bareInsertPerSecond = await bareInsertLoop(sql);
      return {
        'load average at start (1 min)': loadAtStart,
        'load average at end (1 min)': Number(loadavg()[0]?.toFixed(1)),
        links: LINKS,
        'import s (COPY + INSERT … SELECT)': importSeconds,
        'import peak RSS MB': importPeakRssMb,
        'bare COPY s (baseline)': bareCopySeconds,
        'import / bare COPY': Number((importSeconds / bareCopySeconds).toFixed(1)),
        'bare COPY into a table with the indexes of links s (baseline)': indexedCopySeconds,
        'import / indexed COPY': Number((importSeconds / indexedCopySeconds).toFixed(2)),
        'byToken lookups/s': byTokenPerSecond,
        'bare SELECT/s (baseline)': bareSelectPerSecond,
        'byToken / bare': Number((byTokenPerSecond / bareSelectPerSecond).toFixed(2)),
        visitors: visitors.length,
        'report s (best of 2)': reportSeconds,
        'bare scan of links s (baseline)': bareScanSeconds,
        'report / bare scan': Number((reportSeconds / bareScanSeconds).toFixed(2)),
        'events/s acknowledged after commit': ingestion.perSecond,
        'append p50 ms': ingestion.p50,
        'append p99 ms': ingestion.p99,
        'bare 1 000-row INSERT loop rows/s, events-shaped table (baseline)': bareInsertPerSecond,
        'ingestion / bare': Number((ingestion.perSecond / bareInsertPerSecond).toFixed(2)),
      };
    } finally {
      await storage.close();
      await sql.end();
    }
  } finally {
    await cluster.destroy();
  }
}

/** The links, made one at a time as the store reads them; their tokens are kept for lookups. */
async function* generateLinks(tokens: string[]): AsyncGenerator<LinkRecord> {
  const importedAt = new Date(Date.now() - 86_400_000).toISOString();
  for (let index = 0; index < LINKS; index++) {
    const token = nanoid(21);
    tokens.push(token);
    yield {
      project: PROJECT,
      token,
      customerId: `customer-${index}`,
      name: 'Анна',
      segment: index % 2 === 0 ? 'churned' : 'at-risk',
      spend: index % 60_000,
      group: index % 10 === 0 ? 'control' : 'target',
      importedAt,
    };
  }
}

/**
 * COPY of as many links into an unlogged table without indexes: the wire and the parser. With
 * `indexed`, into a logged table with the two unique indexes of `links`: what PostgreSQL itself
 * needs to store them, the floor under any import into that table.
 */
async function bareCopy(sql: ReturnType<typeof connect>, { indexed = false } = {}): Promise<void> {
  if (indexed) {
    await sql`CREATE TABLE bare_links (project text, token text, customer_id text, name text, segment text, spend double precision, control boolean, PRIMARY KEY (project, token), UNIQUE (project, customer_id))`;
  } else {
    await sql`CREATE UNLOGGED TABLE bare_links (project text, token text, customer_id text, name text, segment text, spend double precision, control boolean)`;
  }
  const copy = await sql`COPY bare_links FROM STDIN`.writable();
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    for (let index = 0; index < LINKS; index++) {
      chunk += `${PROJECT}\t${nanoid(21)}\tcustomer-${index}\tАнна\tchurned\t${index % 60_000}\tf\n`;
      if (index % 2000 === 1999) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), copy);
  await sql`DROP TABLE bare_links`;
}

async function perSecond<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const seconds = await timeSeconds(() =>
    Promise.all(
      Array.from({ length: LOOKUP_CONCURRENCY }, async () => {
        while (next < items.length) await task(items[next++] as T);
      }),
    ),
  );
  return Math.round(items.length / seconds);
}

async function addVisits(storage: Storage, tokens: readonly string[]): Promise<void> {
  const at = new Date().toISOString();
  let next = 0;
  await Promise.all(
    Array.from({ length: APPENDERS }, async () => {
      while (next < tokens.length) await storage.events.append({ project: PROJECT, type: 'visit', player: `link:${tokens[next++]}`, at });
    }),
  );
}

async function appendFor(storage: Storage): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const deadline = performance.now() + APPEND_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: APPENDERS }, async (_, appender) => {
      while (performance.now() < deadline) {
        const before = performance.now();
        await storage.events.append({ project: 'ingestion', type: 'visit', player: `anon:${appender}`, at: new Date().toISOString() });
        latencies.push(performance.now() - before);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => Number((latencies[Math.floor(share * (latencies.length - 1))] ?? 0).toFixed(1));
  return { perSecond: Math.round(latencies.length / seconds), p50: at(0.5), p99: at(0.99) };
}

/**
 * What the driver and server do at best: one loop of 1 000-row INSERTs, each its own commit,
 * into a table with the columns, identity and indexes of `events`.
 */
async function bareInsertLoop(sql: ReturnType<typeof connect>): Promise<number> {
  await sql`CREATE TABLE bare_events (LIKE events INCLUDING ALL)`;
  const rows = 1000;
  const deadline = performance.now() + APPEND_SECONDS * 1000;
  const started = performance.now();
  let inserted = 0;
  while (performance.now() < deadline) {
    const at = new Date().toISOString();
    await sql`
      INSERT INTO bare_events (project, type, at, player)
      SELECT * FROM unnest(${Array(rows).fill('ingestion')}::text[], ${Array(rows).fill('visit')}::text[],
        ${Array(rows).fill(at)}::timestamptz[], ${Array.from({ length: rows }, (_, index) => `anon:${index}`)}::text[])`;
    inserted += rows;
  }
  return Math.round(inserted / ((performance.now() - started) / 1000));
}

async function timeSeconds(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return Number(((performance.now() - started) / 1000).toFixed(2));
}

if (import.meta.main) {
  for (const [key, value] of Object.entries(await benchPostgres())) console.log(`${key.padEnd(44)}  ${value}`);
}
