import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkBatchProject } from '../record-checks.ts';
import { linkBatchOf } from '../link-batch.ts';
import type { CustomerIds, LinkBatch, LinkRecord, LinkStore } from '../types.ts';
import { fsyncDirectory, isNotFound, mkdirDurably, writeFileAtomically } from './durable-fs.ts';
import { withFileLock } from './file-lock.ts';
import {
  LINK_SHARDS,
  linkAt,
  MissingShardError,
  readShard,
  SHARD_FILE,
  ShardCache,
  shardFileName,
  shardOf,
  type Shard,
  type ShardKind,
} from './link-shards.ts';
import { projectDir } from './paths.ts';
import {
  CustomerShardBuilder,
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
} from './shard-writing.ts';

/**
 * Links of a project live in `links/`: token shards (`t-<shard>.g<generation>.json`) and
 * customer shards (`c-…`), each a lowdb file of about a thousand entries at 1 000 000 links, so
 * a lookup parses one small file and the cache holds a bounded number of shards.
 * `manifest.json` names the generation of every shard; it is replaced atomically, so an import
 * switches every touched shard at once or none. Shard files are never rewritten in place: a new
 * generation gets a new file name, so a parsed shard can be cached by file name.
 */
interface LinkManifest {
  generation: number;
  count: number;
  /** Generation of each token shard's current file; 0 when the shard has no file yet. */
  tokenShards: number[];
  customerShards: number[];
}

function emptyManifest(): LinkManifest {
  return {
    generation: 0,
    count: 0,
    tokenShards: Array.from({ length: LINK_SHARDS }, () => 0),
    customerShards: Array.from({ length: LINK_SHARDS }, () => 0),
  };
}

/** The sharded lowdb link store of every project in a data dir. */
export class LocalLinkStore implements LinkStore {
  readonly #dataDir: string;
  readonly #cache: ShardCache;
  readonly #projects = new Map<string, ProjectLinks>();

  constructor(dataDir: string, cachedShards: number) {
    this.#dataDir = dataDir;
    this.#cache = new ShardCache(cachedShards);
  }

  async add(project: string, links: readonly LinkRecord[] | LinkBatch): Promise<void> {
    if ('textAt' in links) return this.#project(project).add(links);
    checkBatchProject('links.add', project, links);
    return this.#project(project).add(linkBatchOf(links));
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

  async *scan(project: string): AsyncGenerator<LinkRecord> {
    yield* this.#project(project).scan();
  }

  #project(project: string): ProjectLinks {
    let links = this.#projects.get(project);
    if (!links) {
      links = new ProjectLinks(project, join(projectDir(this.#dataDir, project), 'links'), this.#cache);
      this.#projects.set(project, links);
    }
    return links;
  }
}

class ProjectLinks {
  readonly #project: string;
  readonly #dir: string;
  readonly #cache: ShardCache;
  #manifest: LinkManifest | undefined;
  /** Identity of the manifest file last read; another process's import replaces the file. */
  #stamp = '';

  constructor(project: string, dir: string, cache: ShardCache) {
    this.#project = project;
    this.#dir = dir;
    this.#cache = cache;
  }

  get #manifestPath(): string {
    return join(this.#dir, 'manifest.json');
  }

  async byToken(token: string): Promise<LinkRecord | undefined> {
    return this.#lookup((manifest) => this.#findToken(manifest, token));
  }

  async byCustomerId(customerId: string): Promise<LinkRecord | undefined> {
    return this.#lookup(async (manifest) => {
      const shard = shardOf(customerId, manifest.customerShards.length);
      const customers = await this.#shard('c', shard, manifest.customerShards[shard] ?? 0);
      const row = customers?.rowOf.get(customerId);
      const token = row === undefined ? undefined : customers?.columns.token[row];
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
    await forEachShardGroup(customerShardOf, { count: customerShards, perGroup: SHARDS_PER_GROUP.lookingUp }, async (first, count, indexes, wanted) => {
      const shards = await mapLimited(count, async (offset) => (wanted[offset] ? this.#readShardUncached('c', first + offset) : undefined));
      for (const index of indexes) {
        const customers = shards[(customerShardOf[index] ?? 0) - first];
        const row = customers?.rowOf.get(customerIds.customerIdAt(index));
        if (row !== undefined) tokenShardOf[index] = shardOf(customers?.columns.token[row] ?? '', tokenShards);
      }
    });
    await forEachShardGroup(tokenShardOf, { count: tokenShards, perGroup: SHARDS_PER_GROUP.lookingUp }, async (first, count, indexes, wanted) => {
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
    });
  }

  async count(): Promise<number> {
    await this.#reloadIfChanged();
    return this.#manifest?.count ?? 0;
  }

  /** Reads one shard file at a time, bypassing the cache so a full scan does not evict hot shards. */
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
   * Writes the new generation shard by shard as it goes (never a million records at once),
   * then switches the manifest to it; until that switch readers see the old generation, and
   * on any failure the new files are removed.
   */
  async add(links: LinkBatch): Promise<void> {
    if (links.size === 0) return;
    await mkdirDurably(this.#dir);
    await withFileLock(join(this.#dir, '.lock'), async () => {
      await this.#reloadIfChanged();
      const base = this.#manifest ?? emptyManifest();
      const next: LinkManifest = {
        generation: base.generation + 1,
        count: base.count,
        tokenShards: [...base.tokenShards],
        customerShards: [...base.customerShards],
      };
      const writes = new ShardWrites();
      try {
        const accepted = await this.#writeCustomerShards(base, next, links, writes);
        if (accepted.count > 0) await this.#writeTokenShards(base, next, links, accepted.isAccepted, writes);
        await writes.finished();
        if (accepted.count === 0) return;
        next.count += accepted.count;
        await fsyncDirectory(this.#dir);
        await writeFileAtomically(this.#manifestPath, JSON.stringify(next));
      } catch (error) {
        await writes.settled();
        await this.#removeUnreferenced(base);
        throw this.#failure(error);
      }
      await this.#reloadIfChanged();
      await this.#removeUnreferenced(next);
    });
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
    const links = await this.#shard('t', shard, manifest.tokenShards[shard] ?? 0);
    const row = links?.rowOf.get(token);
    return row === undefined || !links ? undefined : linkAt(this.#project, links.columns, row);
  }

  async #shard<Kind extends ShardKind>(
    kind: Kind,
    shard: number,
    generation: number,
  ): Promise<Shard<Kind> | undefined> {
    if (generation === 0) return undefined;
    return this.#cache.get(kind, join(this.#dir, shardFileName(kind, shard, generation)));
  }

  /**
   * The current file of a shard, read without the cache; undefined while the shard has none.
   * When another process's import has replaced the file since the manifest was read, reads its
   * successor: links are only ever added, so it holds everything the old file did.
   */
  async #readShardUncached<Kind extends ShardKind>(kind: Kind, shard: number): Promise<Shard<Kind> | undefined> {
    const generation = () => (kind === 't' ? this.#manifest?.tokenShards : this.#manifest?.customerShards)?.[shard] ?? 0;
    if (generation() === 0) return undefined;
    try {
      return await readShard(kind, join(this.#dir, shardFileName(kind, shard, generation())));
    } catch (error) {
      if (!(error instanceof MissingShardError)) throw error;
      await this.#reloadIfChanged();
      return readShard(kind, join(this.#dir, shardFileName(kind, shard, generation())));
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
    writes: ShardWrites,
  ): Promise<{ isAccepted: Uint8Array; count: number }> {
    const isAccepted = new Uint8Array(links.size);
    let count = 0;
    const { hashes, shardOfLink } = keyShards(links, 'customerId', base.customerShards.length, () => true);
    await forEachShardGroup(shardOfLink, { count: base.customerShards.length, perGroup: SHARDS_PER_GROUP.building }, async (first, shards, indexes, wanted) => {
      const builders = await mapLimited(shards, async (offset) => {
        const shard = first + offset;
        if (!wanted[offset]) return undefined;
        return new CustomerShardBuilder(links, await this.#shard('c', shard, base.customerShards[shard] ?? 0));
      });
      for (const index of indexes) {
        if (!builders[(shardOfLink[index] ?? 0) - first]?.add(index, hashes[index] ?? 0)) continue;
        isAccepted[index] = 1;
        count++;
      }
      await this.#writeGroup('c', first, builders, next, writes);
    });
    return { isAccepted, count };
  }

  async #writeTokenShards(
    base: LinkManifest,
    next: LinkManifest,
    links: LinkBatch,
    isAccepted: Uint8Array,
    writes: ShardWrites,
  ): Promise<void> {
    const { hashes, shardOfLink } = keyShards(links, 'token', base.tokenShards.length, (index) => isAccepted[index] === 1);
    await forEachShardGroup(shardOfLink, { count: base.tokenShards.length, perGroup: SHARDS_PER_GROUP.building }, async (first, shards, indexes, wanted) => {
      const builders = await mapLimited(shards, async (offset) => {
        const shard = first + offset;
        if (!wanted[offset]) return undefined;
        return new TokenShardBuilder(this.#project, links, await this.#shard('t', shard, base.tokenShards[shard] ?? 0));
      });
      for (const index of indexes) builders[(shardOfLink[index] ?? 0) - first]?.add(index, hashes[index] ?? 0);
      await this.#writeGroup('t', first, builders, next, writes);
    });
  }

  /** Starts writing the group's built shards; each names its new file in `next` once written. */
  async #writeGroup(kind: ShardKind, first: number, builders: (ShardBuilder | undefined)[], next: LinkManifest, writes: ShardWrites): Promise<void> {
    const generations = kind === 't' ? next.tokenShards : next.customerShards;
    const target = { kind, dir: this.#dir, generation: next.generation, writes };
    await writeGroup(first, builders, target, (shard) => (generations[shard] = next.generation));
  }

  /** A refused batch keeps its own message; a file system error says which folder failed. */
  #failure(error: unknown): unknown {
    if ((error as NodeJS.ErrnoException | undefined)?.code === undefined) return error;
    return new Error(`links.add(${this.#project}): writing ${this.#dir} failed, so nothing was added: ${(error as Error).message}`, {
      cause: error,
    });
  }

  /** Deletes shard files the manifest no longer names: superseded ones and leftovers of a failed import. */
  async #removeUnreferenced(manifest: LinkManifest): Promise<void> {
    const referenced = new Set<string>();
    manifest.tokenShards.forEach((generation, shard) => referenced.add(shardFileName('t', shard, generation)));
    manifest.customerShards.forEach((generation, shard) => referenced.add(shardFileName('c', shard, generation)));
    for (const name of await readdir(this.#dir)) {
      const leftover = (SHARD_FILE.test(name) && !referenced.has(name)) || name.endsWith('.tmp');
      // Best effort: a file that cannot be removed now is removed by a later import.
      if (leftover) await rm(join(this.#dir, name), { force: true }).catch(() => undefined);
    }
  }
}
