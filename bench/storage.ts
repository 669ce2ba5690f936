/**
 * Storage benchmark: one import of 1 000 000 links, then from a fresh store a first lookup in
 * every shard (each parses its shard and indexes it), random link lookups and lookups of links
 * looked up before; a store opened as the server opens it, timed while it indexes every shard in
 * the background after one lookup, then looking up tokens it never saw; then 64 concurrent event appenders for about 5 s on the bare group-commit log (batched
 * fdatasync, no projection: the baseline of this machine's disk) and the same load through the store.
 * Run: node bench/storage.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nanoid } from 'nanoid';
import { createLocalStorage } from '../src/storage/local/index.ts';
import { GroupCommitLog } from '../src/storage/local/group-commit-log.ts';
import { LINK_SHARDS, shardOf } from '../src/storage/local/link-shards.ts';
import type { LocalLinkStore } from '../src/storage/local/links.ts';
import type { LinkRecord, Storage, TrackedEvent } from '../src/storage/types.ts';

const PROJECT = 'bench';
const LINKS = 1_000_000;
const LOOKUPS = 10_000;
const WARM_LINKS = 48;
const APPENDERS = 64;
const APPEND_SECONDS = 5;

/** The heap a fresh store needs, without the garbage of the import before it. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function benchStorage(): Promise<Record<string, number | string>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rekindle-bench-'));
  try {
    const importer = await createLocalStorage({ dataDir });
    const links = generateLinks(LINKS);
    const addSeconds = await timeSeconds(() => importer.links.add(PROJECT, links));
    await importer.close();
    const sampleTokens = Array.from({ length: LOOKUPS }, () => links[Math.floor(Math.random() * links.length)]?.token ?? '');
    links.length = 0;

    // Like the server: a process that did not import (so none of the import's garbage is left
    // to collect in the middle of the lookups), looking up links of random customers.
    collectGarbage();
    const storage = await createLocalStorage({ dataDir });
    const firstTokens = onePerShard(sampleTokens);
    const firstInShard = await measureLookups(storage, [...firstTokens]);
    const lookups = await measureLookups(
      storage,
      sampleTokens.filter((token) => !firstTokens.has(token)),
    );
    const warmLookups = await measureWarmLookups(storage, sampleTokens);
    await storage.close();
    const server = await warmedServerStore(dataDir, sampleTokens);
    const afterWarming = await measureLookups(server.storage, sampleTokens.slice(LOOKUPS / 2));
    collectGarbage();
    const { heapUsed, arrayBuffers } = process.memoryUsage();

    const log = await GroupCommitLog.open(join(dataDir, 'baseline'), 64 * 1024 * 1024);
    const baseline = await appendForSeconds((index) => log.append(`${JSON.stringify({ kind: 'event', event: benchEvent(index) })}\n`));
    await log.close();
    const store = await appendForSeconds((index) => server.storage.events.append(benchEvent(index)));
    await server.storage.close();

    return {
      'links.add 1 000 000 links, s': round(addSeconds, 2),
      [`links.byToken first lookup in each of ${firstInShard.count} shards, p50 / p99 ms`]: `${round(firstInShard.p50, 2)} / ${round(firstInShard.p99, 2)}`,
      'links.byToken lookups/s (random tokens never looked up, after those)': Math.round(lookups.perSecond),
      'links.byToken random token p50 / p99, ms': `${round(lookups.p50, 3)} / ${round(lookups.p99, 3)}`,
      'links.byToken warm lookups/s (links looked up before)': Math.round(warmLookups.perSecond),
      'links.byToken warm p50 / p99, ms': `${round(warmLookups.p50, 3)} / ${round(warmLookups.p99, 3)}`,
      'a server store: background indexing of every shard after its first lookup, s': round(server.warmingSeconds, 2),
      'then never-seen tokens: lookups/s, p50 / p99 ms': `${Math.round(afterWarming.perSecond)}, ${round(afterWarming.p50, 3)} / ${round(afterWarming.p99, 3)}`,
      "heap / buffers after the lookups (both stores' indexes held), MB": `${Math.round(heapUsed / 2 ** 20)} / ${Math.round(arrayBuffers / 2 ** 20)}`,
      [`events.append ${APPENDERS} appenders, events/s`]: Math.round(store.perSecond),
      'events.append p50 latency, ms': round(store.p50, 2),
      'events.append p99 latency, ms': round(store.p99, 2),
      'baseline raw log, events/s': Math.round(baseline.perSecond),
      'baseline p50 latency, ms': round(baseline.p50, 2),
      'baseline p99 latency, ms': round(baseline.p99, 2),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function generateLinks(count: number): LinkRecord[] {
  const importedAt = new Date().toISOString();
  return Array.from({ length: count }, (_, index) => ({
    project: PROJECT,
    token: nanoid(21),
    customerId: `customer-${index}`,
    name: 'Анна',
    segment: 'churned',
    spend: index % 60_000,
    group: index % 10 === 0 ? 'control' : 'target',
    importedAt,
  }));
}

function benchEvent(index: number): TrackedEvent {
  return { project: PROJECT, type: 'answer', at: new Date().toISOString(), player: `link:${index}`, data: { question: index % 6 } };
}

/** A store opened as the server opens it, once it has indexed every shard in the background after one lookup. */
async function warmedServerStore(dataDir: string, tokens: string[]): Promise<{ storage: Storage; warmingSeconds: number }> {
  const storage = await createLocalStorage({ dataDir, asServer: true });
  const warmingSeconds = await timeSeconds(async () => {
    await storage.links.byToken(PROJECT, tokens[0] ?? '');
    await (storage.links as LocalLinkStore).tokenIndexesWarmed(PROJECT);
  });
  return { storage, warmingSeconds };
}

/** A token of each shard the sample reaches: each lookup is its shard's first. */
function onePerShard(tokens: string[]): Set<string> {
  return new Set(new Map(tokens.map((token) => [shardOf(token, LINK_SHARDS), token])).values());
}

/** Lookups one after another: their rate and each one's latency. */
async function measureLookups(storage: Storage, tokens: string[]): Promise<{ count: number; perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  for (const token of tokens) {
    const begun = performance.now();
    if (!(await storage.links.byToken(PROJECT, token))) throw new Error(`bench: link ${token} was added but not found`);
    latencies.push(performance.now() - begun);
  }
  latencies.sort((a, b) => a - b);
  return {
    count: tokens.length,
    perSecond: tokens.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/**
 * Lookups of links looked up before, their shards in the cache: a player's page, API calls and
 * gift each look up the same link. WARM_LINKS links, over and over.
 */
async function measureWarmLookups(storage: Storage, tokens: string[]) {
  const warm = tokens.slice(0, WARM_LINKS);
  await measureLookups(storage, warm);
  return measureLookups(
    storage,
    Array.from({ length: LOOKUPS }, (_, index) => warm[index % warm.length] ?? ''),
  );
}

/** Keeps APPENDERS callers appending back to back for APPEND_SECONDS; latency per append. */
async function appendForSeconds(append: (index: number) => Promise<void>) {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + APPEND_SECONDS * 1000;
  let next = 0;
  const appender = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      await append(next++);
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: APPENDERS }, appender));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

async function timeSeconds(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return (performance.now() - started) / 1000;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function printTable(results: Record<string, number | string>): void {
  const width = Math.max(...Object.keys(results).map((key) => key.length));
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(width)}  ${value}`);
}

if (import.meta.main) printTable(await benchStorage());
