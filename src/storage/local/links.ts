import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { addToSegmentCounts, moveInSegmentCounts } from '../segment-counts.ts';
import { summarizeByScan } from '../link-summary.ts';
import type { CustomerIds, LinkDetails, LinkRecord, LinkSource, LinkStore, LinkTally, NamedLinks, SegmentLinks } from '../types.ts';
import { collectLinkBatch, type LinkBatch } from './link-batch.ts';
import { fsyncDirectory, isNotFound, mkdirDurably, writeFileAtomically } from './durable-fs.ts';
import { withFileLock } from './file-lock.ts';
import { emptyManifest, nextManifest, recordPack, referencedFiles, sparsePacks, withNewLinks, type LinkManifest } from './link-manifest.ts';
import {
  linkAt,
  MissingShardError,
  packedSource,
  packFileName,
  readShard,
  readShardJson,
  SHARD_FILE,
  ShardCache,
  shardOf,
  shardSource,
  writeShard,
  type Shard,
  type ShardKind,
  type ShardPlace,
} from './link-shards.ts';
import { ShardPack } from './shard-pack.ts';
import { TokenIndexCache } from './token-index.ts';
import { projectDir } from './paths.ts';
import {
  CustomerShardBuilder,
  forEachLimited,
  forEachShardGroup,
  keyShards,
  mapLimited,
  NO_SHARD,
  shardNumbers,
  SHARDS_PER_GROUP,
  ShardWrites,
  TokenShardBuilder,
  writeGroup,
  type ShardBuilder,
  type ShardTarget,
} from './shard-writing.ts';

/**
 * Links of a project live in `links/`: token shards and customer shards, each a lowdb document
 * of about a thousand entries at 1 000 000 links, so a lookup parses one small document and
 * the cache holds a bounded number of shards. An import appends the shards it changes to one
 * pack file of its own (`links.g<generation>.pack`), and `manifest.json` (link-manifest.ts)
 * says where in which pack each shard's current document is.
 */

/** The sharded lowdb link store of every project in a data dir. */
export class LocalLinkStore implements LinkStore {
  readonly #dataDir: string;
  readonly #cache: ShardCache;
  readonly #tokenIndexes: TokenIndexCache;
  readonly #warmTokenIndexes: boolean;
  readonly #projects = new Map<string, ProjectLinks>();

  /**
   * `cachedShards` parsed shards serve imports and customer-id lookups; token lookups have
   * indexes up to `tokenIndexBytes`, built for every shard of a project after its first token
   * lookup when `warmTokenIndexes` (a server: a blast's first pages then find them ready).
   */
  constructor(dataDir: string, options: { cachedShards: number; tokenIndexBytes: number; warmTokenIndexes: boolean }) {
    this.#dataDir = dataDir;
    this.#cache = new ShardCache(options.cachedShards);
    this.#tokenIndexes = new TokenIndexCache(options.tokenIndexBytes);
    this.#warmTokenIndexes = options.warmTokenIndexes;
  }

  async add(project: string, links: LinkSource): Promise<void> {
    const store = this.#project(project);
    return store.add(await collectLinkBatch(project, links));
  }

  async byToken(project: string, token: string): Promise<LinkRecord | undefined> {
    return this.#project(project).byToken(token);
  }

  async byCustomerId(project: string, customerId: string): Promise<LinkRecord | undefined> {
    return this.#project(project).byCustomerId(customerId);
  }

  async byCustomerIds(project: string, customerIds: CustomerIds, found: (index: number, link: LinkRecord) => void): Promise<void> {
    return this.#project(project).byCustomerIds(customerIds, found);
  }

  async count(project: string): Promise<number> {
    return this.#project(project).count();
  }

  async countsBySegment(project: string): Promise<Map<string, SegmentLinks>> {
    return this.#project(project).countsBySegment();
  }

  async *scan(project: string): AsyncGenerator<LinkRecord> {
    yield* this.#project(project).scan();
  }

  summarize(project: string, named: NamedLinks): AsyncIterable<LinkRecord | LinkTally> {
    return summarizeByScan(this.scan(project), named);
  }

  async updateDetails(project: string, details: readonly LinkDetails[]): Promise<void> {
    return this.#project(project).updateDetails(details);
  }

  /** Settles once the background indexing of a project's token shards (see the constructor) has finished, or at once if none runs. */
  async tokenIndexesWarmed(project: string): Promise<void> {
    return this.#project(project).warmed;
  }

  #project(project: string): ProjectLinks {
    let links = this.#projects.get(project);
    if (!links) {
      links = new ProjectLinks(project, join(projectDir(this.#dataDir, project), 'links'), this.#cache, this.#tokenIndexes);
      if (this.#warmTokenIndexes) links.warmTokenIndexesOnFirstLookup();
      this.#projects.set(project, links);
    }
    return links;
  }
}

class ProjectLinks {
  readonly #project: string;
  readonly #dir: string;
  readonly #cache: ShardCache;
  readonly #tokenIndexes: TokenIndexCache;
  /** Index every token shard in the background once the first token lookup came. */
  #warm: 'no' | 'on first lookup' | Promise<void> = 'no';
  #manifest: LinkManifest | undefined;
  /** Identity of the manifest file last read; another process's import replaces the file. */
  #stamp = '';

  constructor(project: string, dir: string, cache: ShardCache, tokenIndexes: TokenIndexCache) {
    this.#project = project;
    this.#dir = dir;
    this.#cache = cache;
    this.#tokenIndexes = tokenIndexes;
  }

  get #manifestPath(): string {
    return join(this.#dir, 'manifest.json');
  }

  async byToken(token: string): Promise<LinkRecord | undefined> {
    const found = await this.#lookup((manifest) => this.#findToken(manifest, token));
    if (this.#warm === 'on first lookup') this.#warm = this.#warmTokenIndexes();
    return found;
  }

  get warmed(): Promise<void> {
    return typeof this.#warm === 'string' ? Promise.resolve() : this.#warm;
  }

  warmTokenIndexesOnFirstLookup(): void {
    this.#warm = 'on first lookup';
  }

  /**
   * Indexes the project's token shards one at a time, letting requests in between, while the
   * cache has room: a never-seen token then costs a hash probe rather than its shard's parse,
   * about 1.5 s of CPU in all for 1 000 000 links. A failed read is left to the lookup that needs it.
   */
  async #warmTokenIndexes(): Promise<void> {
    const { tokenShards } = this.#manifest ?? emptyManifest();
    for (const [shard, place] of tokenShards.entries()) {
      await nextTurn();
      if (!this.#tokenIndexes.hasRoomForMore()) return;
      const source = shardSource(this.#dir, 't', shard, place);
      if (source) await this.#tokenIndexes.get(source).catch(() => undefined);
    }
  }

  async byCustomerId(customerId: string): Promise<LinkRecord | undefined> {
    return this.#lookup(async (manifest) => {
      const shard = shardOf(customerId, manifest.customerShards.length);
      const customers = await this.#shard('c', shard, manifest.customerShards[shard] ?? 0);
      const row = customers?.rowOfKey(customerId);
      const token = row === undefined ? undefined : customers?.token(row);
      return token === undefined ? undefined : this.#findToken(manifest, token);
    });
  }

  /**
   * Two passes, each reading a shard at most once and bypassing the cache (a million lookups
   * through it would evict every hot shard and read each one again and again): the customer
   * shards tell which token shard holds each customer's link, then the token shards give the
   * links, found by customer id. Only a shard number is kept per customer in between, not a
   * million token strings. Each pass goes a group of shards at a time and visits the group's
   * customers in index order (see SHARDS_PER_GROUP).
   */
  async byCustomerIds(customerIds: CustomerIds, found: (index: number, link: LinkRecord) => void): Promise<void> {
    await this.#reloadIfChanged();
    const manifest = this.#manifest ?? emptyManifest();
    if (manifest.count === 0 || customerIds.size === 0) return;
    const tokenShards = manifest.tokenShards.length;
    const tokenShardOf = new Uint32Array(customerIds.size).fill(NO_SHARD);
    const customerShards = manifest.customerShards.length;
    const customerShardOf = shardNumbers(customerIds.size, (index) => shardOf(customerIds.customerIdAt(index), customerShards));
    await forEachShardGroup(
      customerShardOf,
      { count: customerShards, perGroup: SHARDS_PER_GROUP.lookingUp },
      async (first, count, indexes, wanted) => {
        const shards = await mapLimited(count, async (offset) =>
          wanted[offset] ? this.#readShardUncached('c', first + offset) : undefined,
        );
        for (const index of indexes) {
          const customers = shards[(customerShardOf[index] ?? 0) - first];
          const row = customers?.rowOf.get(customerIds.customerIdAt(index));
          if (row !== undefined) tokenShardOf[index] = shardOf(customers?.columns.token[row] ?? '', tokenShards);
        }
      },
    );
    await forEachShardGroup(
      tokenShardOf,
      { count: tokenShards, perGroup: SHARDS_PER_GROUP.lookingUp },
      async (first, count, indexes, wanted) => {
        const shards = await mapLimited(count, async (offset) => {
          const columns = wanted[offset] ? (await this.#readShardUncached('t', first + offset))?.columns : undefined;
          if (!columns) return undefined;
          const rowOfCustomer = new Map<string, number>();
          columns.customerId.forEach((customerId, row) => rowOfCustomer.set(customerId, row));
          return { columns, rowOfCustomer };
        });
        for (const index of indexes) {
          const shard = shards[(tokenShardOf[index] ?? 0) - first];
          const row = shard?.rowOfCustomer.get(customerIds.customerIdAt(index));
          if (shard && row !== undefined) found(index, linkAt(this.#project, shard.columns, row));
        }
      },
    );
  }

  async count(): Promise<number> {
    await this.#reloadIfChanged();
    return this.#manifest?.count ?? 0;
  }

  async countsBySegment(): Promise<Map<string, SegmentLinks>> {
    await this.#reloadIfChanged();
    return this.#segmentCounts(this.#manifest ?? emptyManifest());
  }

  /** A manifest's counts per segment; one written before they were kept has them counted from the shards. */
  async #segmentCounts(manifest: LinkManifest): Promise<Map<string, SegmentLinks>> {
    if (manifest.segments) {
      return new Map(
        Object.entries(manifest.segments).map(([segment, count]) => [segment, { ...count, arms: count.arms && { ...count.arms } }]),
      );
    }
    const counts = new Map<string, SegmentLinks>();
    for (let shard = 0; shard < manifest.tokenShards.length; shard++) {
      const columns = (await this.#readShardUncached('t', shard))?.columns;
      columns?.segment.forEach((segment, row) =>
        addToSegmentCounts(counts, segment ?? '', columns.control[row] === 1 ? 'control' : 'target', columns.arm?.[row]),
      );
    }
    return counts;
  }

  /** Reads one shard at a time, bypassing the cache so a full scan does not evict hot shards. */
  async *scan(): AsyncGenerator<LinkRecord> {
    await this.#reloadIfChanged();
    const shards = this.#manifest?.tokenShards.length ?? 0;
    for (let shard = 0; shard < shards; shard++) {
      const columns = (await this.#readShardUncached('t', shard))?.columns;
      if (!columns) continue;
      for (let row = 0; row < columns.token.length; row++) yield linkAt(this.#project, columns, row);
    }
  }

  /**
   * Writes the new generation shard by shard as it goes (never a million records at once) into
   * a new pack, then switches the manifest to it; until that switch readers see the old
   * generation, and on any failure the new pack is removed.
   */
  async add(links: LinkBatch): Promise<void> {
    if (links.size === 0) return;
    await mkdirDurably(this.#dir);
    await withFileLock(join(this.#dir, '.lock'), () =>
      this.#writeGeneration(async (base, next, target) => {
        const accepted = await this.#writeCustomerShards(base, next, links, target);
        if (accepted.count === 0) return undefined;
        await this.#writeTokenShards(base, next, links, accepted.isAccepted, target);
        return async () => {
          next.count += accepted.count;
          next.segments = withNewLinks(await this.#segmentCounts(base), links, accepted.isAccepted);
        };
      }),
    );
  }

  /**
   * Rewrites the token shards of the changed links into a new pack and switches the manifest
   * to it, as `add` does; customer shards (customer id → token) do not change.
   */
  async updateDetails(details: readonly LinkDetails[]): Promise<void> {
    if (details.length === 0) return;
    await withFileLock(join(this.#dir, '.lock'), () =>
      this.#writeGeneration(async (base, next, target) => {
        const changesByShard = await this.#changesByTokenShard(base, details);
        if (changesByShard.size === 0) return undefined;
        const counts = await this.#segmentCounts(base);
        for (const [shard, changes] of changesByShard) {
          const existing = await this.#readShardUncached('t', shard);
          if (!existing) continue;
          const json = Buffer.from(JSON.stringify(withDetails(existing, changes, counts)));
          await target.writes.start(() =>
            writeShard(target.pack, json).then((range) => {
              next.tokenShards[shard] = [next.generation, range.offset, range.length];
            }),
          );
        }
        return () => {
          next.segments = Object.fromEntries(counts);
        };
      }),
    );
  }

  async #changesByTokenShard(base: LinkManifest, details: readonly LinkDetails[]): Promise<Map<number, Map<string, LinkDetails>>> {
    const changesByShard = new Map<number, Map<string, LinkDetails>>();
    const ids = { size: details.length, customerIdAt: (index: number) => details[index]?.customerId ?? '' };
    await this.byCustomerIds(ids, (index, link) => {
      const shard = shardOf(link.token, base.tokenShards.length);
      const changes = changesByShard.get(shard) ?? new Map<string, LinkDetails>();
      changes.set(link.token, details[index] ?? { customerId: link.customerId });
      changesByShard.set(shard, changes);
    });
    return changesByShard;
  }

  /**
   * One new generation, under the folder's lock: `writeShards` appends its shards to a new pack
   * and says how to complete the manifest (nothing, when there was nothing to change); then
   * sparse packs are carried over and the manifest switches to it. Until that switch readers see
   * the old generation, and on any failure the new pack is removed.
   */
  async #writeGeneration(
    writeShards: (base: LinkManifest, next: LinkManifest, target: ShardTarget) => Promise<(() => Promise<void> | void) | undefined>,
  ): Promise<void> {
    await this.#reloadIfChanged();
    const base = this.#manifest ?? emptyManifest();
    const next = nextManifest(base);
    const target = { pack: new ShardPack(join(this.#dir, packFileName(next.generation))), writes: new ShardWrites() };
    try {
      const completeManifest = await writeShards(base, next, target);
      if (!completeManifest) return;
      // Every new shard is in place before the packs are weighed, or one still being written would be carried over as current.
      await target.writes.finished();
      await this.#carryOverSparsePacks(next, target);
      await target.writes.finished();
      await target.pack.finish();
      await completeManifest();
      recordPack(next, next.generation, target.pack.size);
      await fsyncDirectory(this.#dir);
      await writeFileAtomically(this.#manifestPath, JSON.stringify(next));
    } catch (error) {
      await target.writes.settled();
      await target.pack.abandon();
      await this.#removeUnreferenced(base);
      throw this.#failure(error);
    }
    await this.#reloadIfChanged();
    await this.#removeUnreferenced(next);
  }

  async #lookup(find: (manifest: LinkManifest) => Promise<LinkRecord | undefined>): Promise<LinkRecord | undefined> {
    if (this.#manifest === undefined) await this.#reloadIfChanged();
    try {
      const found = await find(this.#manifest ?? emptyManifest());
      if (found) return found;
    } catch (error) {
      // Another process replaced that shard since we read the manifest; the reload below finds it.
      if (!(error instanceof MissingShardError)) throw error;
    }
    return (await this.#reloadIfChanged()) ? find(this.#manifest ?? emptyManifest()) : undefined;
  }

  async #findToken(manifest: LinkManifest, token: string): Promise<LinkRecord | undefined> {
    const shard = shardOf(token, manifest.tokenShards.length);
    const source = shardSource(this.#dir, 't', shard, manifest.tokenShards[shard] ?? 0);
    return source && (await this.#tokenIndexes.get(source)).link(this.#project, token);
  }

  async #shard<Kind extends ShardKind>(kind: Kind, shard: number, place: ShardPlace): Promise<Shard<Kind> | undefined> {
    const source = shardSource(this.#dir, kind, shard, place);
    return source && this.#cache.get(kind, source);
  }

  /**
   * The current document of a shard, read without the cache; undefined while the shard has
   * none. When another process's import has replaced it since the manifest was read, reads its
   * successor: links are only ever added, so it holds everything the old one did.
   */
  async #readShardUncached<Kind extends ShardKind>(kind: Kind, shard: number): Promise<Shard<Kind> | undefined> {
    const source = () => {
      const places = kind === 't' ? this.#manifest?.tokenShards : this.#manifest?.customerShards;
      return shardSource(this.#dir, kind, shard, places?.[shard] ?? 0);
    };
    const first = source();
    if (!first) return undefined;
    try {
      return await readShard(kind, first);
    } catch (error) {
      if (!(error instanceof MissingShardError)) throw error;
      await this.#reloadIfChanged();
      const successor = source();
      return successor && readShard(kind, successor);
    }
  }

  /** Re-reads the manifest if its file changed since we read it; true when it did. */
  async #reloadIfChanged(): Promise<boolean> {
    let stamp: string;
    try {
      const info = await stat(this.#manifestPath, { bigint: true });
      stamp = `${info.ino}:${info.mtimeNs}:${info.size}`;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.#manifest ??= emptyManifest();
      return false;
    }
    if (stamp === this.#stamp) return false;
    // Read after stat: if the file is replaced in between, the next check sees a new stamp again.
    this.#manifest = JSON.parse(await readFile(this.#manifestPath, 'utf8')) as LinkManifest;
    this.#stamp = stamp;
    return true;
  }

  /**
   * Writes the customer shards that gain rows; returns which links are of customers new to
   * the project (1), and how many.
   */
  async #writeCustomerShards(
    base: LinkManifest,
    next: LinkManifest,
    links: LinkBatch,
    target: ShardTarget,
  ): Promise<{ isAccepted: Uint8Array; count: number }> {
    const isAccepted = new Uint8Array(links.size);
    let count = 0;
    const keys = keyShards(links, 'customerId', base.customerShards.length, () => true);
    const builderFor = (existing: Shard<'c'> | undefined) => new CustomerShardBuilder(links, existing);
    await this.#writeShards('c', { base, next, target, keys, builderFor }, (builder, index, hash) => {
      if (!builder.add(index, hash)) return;
      isAccepted[index] = 1;
      count++;
    });
    return { isAccepted, count };
  }

  async #writeTokenShards(
    base: LinkManifest,
    next: LinkManifest,
    links: LinkBatch,
    isAccepted: Uint8Array,
    target: ShardTarget,
  ): Promise<void> {
    const keys = keyShards(links, 'token', base.tokenShards.length, (index) => isAccepted[index] === 1);
    const builderFor = (existing: Shard<'t'> | undefined) => new TokenShardBuilder(this.#project, links, existing);
    await this.#writeShards('t', { base, next, target, keys, builderFor }, (builder, index, hash) => builder.add(index, hash));
  }

  /**
   * Builds the shards of one kind that gain links, a group at a time, adding each link to its
   * shard's builder, and appends them to the pack; each shard's new place goes into `next`
   * once it is written.
   */
  async #writeShards<Kind extends ShardKind, Builder extends ShardBuilder>(
    kind: Kind,
    pass: {
      base: LinkManifest;
      next: LinkManifest;
      target: ShardTarget;
      keys: { hashes: Uint32Array; shardOfLink: Uint32Array };
      builderFor: (existing: Shard<Kind> | undefined) => Builder;
    },
    add: (builder: Builder, index: number, hash: number) => void,
  ): Promise<void> {
    const { base, next, target, keys, builderFor } = pass;
    const [basePlaces, nextPlaces] = kind === 't' ? [base.tokenShards, next.tokenShards] : [base.customerShards, next.customerShards];
    const groups = { count: basePlaces.length, perGroup: SHARDS_PER_GROUP.building };
    await forEachShardGroup(keys.shardOfLink, groups, async (first, shards, indexes, wanted) => {
      const builders = await mapLimited(shards, async (offset) =>
        wanted[offset] ? builderFor(await this.#shard(kind, first + offset, basePlaces[first + offset] ?? 0)) : undefined,
      );
      for (const index of indexes) {
        const builder = builders[(keys.shardOfLink[index] ?? 0) - first];
        if (builder) add(builder, index, keys.hashes[index] ?? 0);
      }
      await writeGroup(first, builders, target, (shard, range) => (nextPlaces[shard] = [next.generation, range.offset, range.length]));
    });
  }

  /**
   * Copies the shards still current in packs that are now more than half superseded into the
   * new pack, so those packs can be removed: imports that each rewrite part of the shards
   * would otherwise leave packs holding mostly dead bytes. Copies bytes and parses nothing.
   */
  async #carryOverSparsePacks(next: LinkManifest, target: ShardTarget): Promise<void> {
    const sparse = sparsePacks(next);
    if (sparse.size === 0) return;
    const carried = [next.tokenShards, next.customerShards].flatMap((places) =>
      places.flatMap((place, shard) => (typeof place !== 'number' && sparse.has(place[0]) ? [{ places, shard, place }] : [])),
    );
    await forEachLimited(carried, async ({ places, shard, place }) => {
      const json = await readShardJson(packedSource(this.#dir, place));
      await target.writes.start(() =>
        writeShard(target.pack, json).then((range) => {
          places[shard] = [next.generation, range.offset, range.length];
        }),
      );
    });
  }

  /** A refused batch keeps its own message; a file system error says which folder failed. */
  #failure(error: unknown): unknown {
    if ((error as NodeJS.ErrnoException | undefined)?.code === undefined) return error;
    return new Error(`links.add(${this.#project}): writing ${this.#dir} failed, so nothing was added: ${(error as Error).message}`, {
      cause: error,
    });
  }

  /** Deletes pack and shard files the manifest no longer names: superseded ones and leftovers of a failed import. */
  async #removeUnreferenced(manifest: LinkManifest): Promise<void> {
    const referenced = referencedFiles(manifest);
    for (const name of await readdir(this.#dir)) {
      const leftover = (SHARD_FILE.test(name) && !referenced.has(name)) || name.endsWith('.tmp');
      // Best effort: a file that cannot be removed now is removed by a later import.
      if (leftover) await rm(join(this.#dir, name), { force: true }).catch(() => undefined);
    }
  }
}

/** A token shard's columns with the changed links' details, moving them in the segment counts. */
function withDetails(shard: Shard<'t'>, changes: Map<string, LinkDetails>, counts: Map<string, SegmentLinks>): Shard<'t'>['columns'] {
  const columns = structuredClone(shard.columns);
  for (const [token, detail] of changes) {
    const row = shard.rowOf.get(token);
    if (row === undefined) continue;
    const group = columns.control[row] === 1 ? 'control' : 'target';
    if (detail.segment !== undefined) moveInSegmentCounts(counts, columns.segment[row] ?? '', detail.segment, group, columns.arm?.[row]);
    if (detail.name !== undefined) columns.name[row] = detail.name;
    if (detail.segment !== undefined) columns.segment[row] = detail.segment;
    if (detail.spend !== undefined) columns.spend[row] = detail.spend;
  }
  return columns;
}
