import { join } from 'node:path';
import { tokenTakenError } from '../record-checks.ts';
import type { LinkBatch, LinkRecord } from '../types.ts';
import { appendLink, copyColumns, shardFileName, writeShard, type CustomerColumns, type Shard, type ShardKind, type TokenColumns } from './link-shards.ts';

/**
 * Building and writing the link shards of a batch for the local link store (links.ts): the
 * grouping of links by shard, the builders, and the bounded queue of writes.
 */

/** Where and as which generation a group's shards are written, and the queue their writes go through. */
export interface ShardTarget {
  kind: ShardKind;
  dir: string;
  generation: number;
  writes: ShardWrites;
}

/**
 * Starts writing a group's built shards, calling `done` with each shard once its file is
 * written. A builder is dropped as soon as its shard is serialized, so its rows are garbage
 * before the slower file I/O ends.
 */
export async function writeGroup(
  first: number,
  builders: (ShardBuilder | undefined)[],
  target: ShardTarget,
  done: (shard: number) => void,
): Promise<void> {
  for (const [offset, builder] of builders.entries()) {
    builders[offset] = undefined;
    const shard = first + offset;
    const path = join(target.dir, shardFileName(target.kind, shard, target.generation));
    await target.writes.start(() => builder?.write(path)?.then(() => done(shard)));
  }
}

/** Marks a link without a shard where a shard number would be. */
export const NO_SHARD = 0xffffffff;

/** Shard files read or written at once: enough to overlap file I/O with parsing and serializing. */
const SHARD_CONCURRENCY = 8;

/**
 * Which rows fall in which bucket, as one counting sort: an array of row numbers ordered by
 * bucket (rows of one bucket keep their order) and where each bucket's run starts. Two typed
 * arrays instead of many growing arrays of objects.
 */
export function placeRowsByShard(rows: number, shards: number, shardOfRow: (row: number) => number) {
  const shardOfRows = new Uint32Array(rows);
  const starts = new Uint32Array(shards + 1);
  for (let row = 0; row < rows; row++) {
    const shard = shardOfRow(row);
    shardOfRows[row] = shard;
    starts[shard + 1] = (starts[shard + 1] ?? 0) + 1;
  }
  for (let shard = 0; shard < shards; shard++) starts[shard + 1] = (starts[shard + 1] ?? 0) + (starts[shard] ?? 0);
  const ordered = new Uint32Array(rows);
  const filled = starts.slice(0, shards);
  for (let row = 0; row < rows; row++) {
    const shard = shardOfRows[row] ?? 0;
    const position = filled[shard] ?? 0;
    ordered[position] = row;
    filled[shard] = position + 1;
  }
  return {
    rowsOf: (shard: number) => ordered.subarray(starts[shard], starts[shard + 1]),
  };
}

/**
 * Shards are built a group at a time, the group's links visited in index order: a batch's
 * strings lie in memory in about that order, so gathering them shard by shard instead would
 * jump across the heap for every link. Small groups keep few rows alive at once, so they die
 * young instead of piling up in the old generation (a group of 128 shards cost 200 MB more).
 */
const SHARDS_PER_GROUP = 16;

/** A shard's new rows; writes nothing (undefined) when it gained none. */
export interface ShardBuilder {
  write(path: string): Promise<void> | undefined;
}

/** The shard of every link of the batch. */
export function shardNumbers(size: number, shardOfIndex: (index: number) => number): Uint32Array {
  const numbers = new Uint32Array(size);
  for (let index = 0; index < size; index++) numbers[index] = shardOfIndex(index);
  return numbers;
}

/**
 * Runs `task` for each group of shards with links, given the indexes of those links in index
 * order and which shards of the group have any (1); links without a shard (NO_SHARD) are left out.
 */
export async function forEachShardGroup(
  shardOfLink: Uint32Array,
  shards: number,
  task: (first: number, count: number, indexes: Uint32Array, wanted: Uint8Array) => Promise<void>,
): Promise<void> {
  const hasLinks = new Uint8Array(shards);
  for (const shard of shardOfLink) if (shard !== NO_SHARD) hasLinks[shard] = 1;
  const groups = Math.ceil(shards / SHARDS_PER_GROUP);
  const byGroup = placeRowsByShard(shardOfLink.length, groups + 1, (index) => {
    const shard = shardOfLink[index] ?? NO_SHARD;
    return shard === NO_SHARD ? groups : Math.floor(shard / SHARDS_PER_GROUP);
  });
  for (let group = 0; group < groups; group++) {
    const indexes = byGroup.rowsOf(group);
    const first = group * SHARDS_PER_GROUP;
    const count = Math.min(SHARDS_PER_GROUP, shards - first);
    if (indexes.length > 0) await task(first, count, indexes, hasLinks.subarray(first, first + count));
  }
}

/** Adds the batch's customers new to one customer shard. */
export class CustomerShardBuilder implements ShardBuilder {
  readonly #existing: Shard<'c'> | undefined;
  #columns: CustomerColumns | undefined;
  readonly #added = new Set<string>();

  constructor(existing: Shard<'c'> | undefined) {
    this.#existing = existing;
  }

  add(links: LinkBatch, index: number, isAccepted: Uint8Array): void {
    const customerId = links.customerIdAt(index);
    if (this.#existing?.rowOf.has(customerId) || this.#added.has(customerId)) return;
    this.#added.add(customerId);
    this.#columns ??= copyColumns('c', this.#existing);
    this.#columns.customerId.push(customerId);
    this.#columns.token.push(links.tokenAt(index));
    isAccepted[index] = 1;
  }

  write(path: string): Promise<void> | undefined {
    return this.#columns && writeShard(path, this.#columns);
  }
}

/** Adds links to one token shard; throws (writing nothing) on a token that is taken. */
export class TokenShardBuilder implements ShardBuilder {
  readonly #project: string;
  readonly #existing: Shard<'t'> | undefined;
  #columns: TokenColumns | undefined;
  readonly #added = new Map<string, string>();

  constructor(project: string, existing: Shard<'t'> | undefined) {
    this.#project = project;
    this.#existing = existing;
  }

  add(link: LinkRecord, index: number): void {
    if (link.project !== this.#project) throw otherProjectError(this.#project, link, index);
    this.#columns ??= copyColumns('t', this.#existing);
    const existingRow = this.#existing?.rowOf.get(link.token);
    const owner = existingRow === undefined ? this.#added.get(link.token) : this.#columns.customerId[existingRow];
    if (owner !== undefined) throw tokenTakenError(this.#project, link, owner);
    this.#added.set(link.token, link.customerId);
    appendLink(this.#columns, link);
  }

  write(path: string): Promise<void> | undefined {
    return this.#columns && writeShard(path, this.#columns);
  }
}

function otherProjectError(project: string, link: LinkRecord, index: number): Error {
  return new Error(`links.add(${project}): record [${index}] has project "${link.project}"; expected "${project}". Nothing was added`);
}

/**
 * The shard files an import is writing, at most SHARD_CONCURRENCY at once across groups and
 * both kinds of shard, so the next group is built while the disk still writes the last one.
 * After a failure no new write starts; the import waits for the running ones to settle before
 * it cleans up, so the cleanup never races a write still in progress.
 */
export class ShardWrites {
  readonly #inFlight = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  /** Starts a write (none when `write` returns undefined); resolves once another may start. */
  async start(write: () => Promise<void> | undefined): Promise<void> {
    if (this.#failure) throw this.#failure.error;
    const written = write();
    if (!written) return;
    const tracked: Promise<void> = written.then(
      () => void this.#inFlight.delete(tracked),
      (error: unknown) => {
        this.#failure ??= { error };
        this.#inFlight.delete(tracked);
      },
    );
    this.#inFlight.add(tracked);
    while (this.#inFlight.size >= SHARD_CONCURRENCY) await Promise.race(this.#inFlight);
  }

  /** Every started write has ended. */
  async settled(): Promise<void> {
    await Promise.all(this.#inFlight);
  }

  /** Every started write has ended, and all of them succeeded. */
  async finished(): Promise<void> {
    await this.settled();
    if (this.#failure) throw this.#failure.error;
  }
}

/**
 * Runs `task` over the items with at most SHARD_CONCURRENCY in flight. After a failure no new
 * item starts, and it rejects only once the running ones have settled, so a cleanup that
 * follows never races a write still in progress.
 */
export async function forEachLimited<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHARD_CONCURRENCY, items.length) }, worker));
  if (failure) throw failure.error;
}

/** `task` for 0 … count − 1 with at most SHARD_CONCURRENCY in flight, results in order. */
export async function mapLimited<T>(count: number, task: (item: number) => Promise<T>): Promise<(T | undefined)[]> {
  const results = new Array<T | undefined>(count);
  await forEachLimited(Array.from({ length: count }, (_, item) => item), async (item) => {
    results[item] = await task(item);
  });
  return results;
}
