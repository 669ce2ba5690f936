import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkBatchProject, tokenTakenError } from '../record-checks.ts';
import type { LinkRecord, LinkStore } from '../types.ts';
import { fsyncDirectory, isNotFound, mkdirDurably, writeFileAtomically } from './durable-fs.ts';
import { withFileLock } from './file-lock.ts';
import {
  appendLink,
  copyColumns,
  LINK_SHARDS,
  linkAt,
  MissingShardError,
  readShard,
  SHARD_FILE,
  ShardCache,
  shardFileName,
  shardOf,
  writeShard,
  type CustomerColumns,
  type Shard,
  type ShardKind,
  type TokenColumns,
} from './link-shards.ts';
import { projectDir } from './paths.ts';

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

const WRITE_CONCURRENCY = 32;

/** The sharded lowdb link store of every project in a data dir. */
export class LocalLinkStore implements LinkStore {
  readonly #dataDir: string;
  readonly #cache: ShardCache;
  readonly #projects = new Map<string, ProjectLinks>();

  constructor(dataDir: string, cachedShards: number) {
    this.#dataDir = dataDir;
    this.#cache = new ShardCache(cachedShards);
  }

  async add(project: string, links: LinkRecord[]): Promise<void> {
    checkBatchProject('links.add', project, links);
    return this.#project(project).add(links);
  }

  async byToken(project: string, token: string): Promise<LinkRecord | undefined> {
    return this.#project(project).byToken(token);
  }

  async byCustomerId(project: string, customerId: string): Promise<LinkRecord | undefined> {
    return this.#project(project).byCustomerId(customerId);
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

  async count(): Promise<number> {
    await this.#reloadIfChanged();
    return this.#manifest?.count ?? 0;
  }

  /** Reads one shard file at a time, bypassing the cache so a full scan does not evict hot shards. */
  async *scan(): AsyncGenerator<LinkRecord> {
    await this.#reloadIfChanged();
    const shards = this.#manifest?.tokenShards.length ?? 0;
    for (let shard = 0; shard < shards; shard++) {
      const columns = await this.#readTokenShardForScan(shard);
      for (let row = 0; row < columns.token.length; row++) yield linkAt(this.#project, columns, row);
    }
  }

  async add(links: LinkRecord[]): Promise<void> {
    if (links.length === 0) return;
    await mkdirDurably(this.#dir);
    await withFileLock(join(this.#dir, '.lock'), async () => {
      await this.#reloadIfChanged();
      const base = this.#manifest ?? emptyManifest();
      const { customerShards, accepted } = await this.#newCustomerShards(base, links);
      if (accepted.length === 0) return;
      const tokenShards = await this.#newTokenShards(base, accepted);
      await this.#commit(base, accepted.length, tokenShards, customerShards);
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

  async #readTokenShardForScan(shard: number): Promise<TokenColumns> {
    const path = () => join(this.#dir, shardFileName('t', shard, this.#manifest?.tokenShards[shard] ?? 0));
    if (!this.#manifest?.tokenShards[shard]) return copyColumns('t', undefined);
    try {
      return (await readShard('t', path())).columns;
    } catch (error) {
      if (!(error instanceof MissingShardError)) throw error;
      await this.#reloadIfChanged();
      return (await readShard('t', path())).columns;
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

  /** The customer shards that gain rows, and `accepted`: the links of customers new to the project. */
  async #newCustomerShards(base: LinkManifest, links: LinkRecord[]) {
    const customerShards = new Map<number, CustomerColumns>();
    const accepted: LinkRecord[] = [];
    const shards = base.customerShards.length;
    await forEachLimited(groupBy(links, (link) => shardOf(link.customerId, shards)), async ([shard, group]) => {
      const existing = await this.#shard('c', shard, base.customerShards[shard] ?? 0);
      const columns = copyColumns('c', existing);
      const added = new Set<string>();
      for (const link of group) {
        if (existing?.rowOf.has(link.customerId) || added.has(link.customerId)) continue;
        added.add(link.customerId);
        columns.customerId.push(link.customerId);
        columns.token.push(link.token);
        accepted.push(link);
      }
      if (added.size > 0) customerShards.set(shard, columns);
    });
    return { customerShards, accepted };
  }

  async #newTokenShards(base: LinkManifest, links: LinkRecord[]): Promise<Map<number, TokenColumns>> {
    const tokenShards = new Map<number, TokenColumns>();
    const shards = base.tokenShards.length;
    await forEachLimited(groupBy(links, (link) => shardOf(link.token, shards)), async ([shard, group]) => {
      const existing = await this.#shard('t', shard, base.tokenShards[shard] ?? 0);
      const columns = copyColumns('t', existing);
      const added = new Map<string, LinkRecord>();
      for (const link of group) {
        const existingRow = existing?.rowOf.get(link.token);
        const owner = existingRow === undefined ? added.get(link.token)?.customerId : columns.customerId[existingRow];
        if (owner !== undefined) throw tokenTakenError(this.#project, link, owner);
        added.set(link.token, link);
        appendLink(columns, link);
      }
      tokenShards.set(shard, columns);
    });
    return tokenShards;
  }

  /** Writes the touched shards as a new generation, then switches the manifest to it. */
  async #commit(
    base: LinkManifest,
    added: number,
    tokenShards: Map<number, TokenColumns>,
    customerShards: Map<number, CustomerColumns>,
  ): Promise<void> {
    const generation = base.generation + 1;
    const next: LinkManifest = {
      generation,
      count: base.count + added,
      tokenShards: [...base.tokenShards],
      customerShards: [...base.customerShards],
    };
    const writes = [
      ...[...tokenShards].map(([shard, columns]) => ({ kind: 't' as ShardKind, shard, columns })),
      ...[...customerShards].map(([shard, columns]) => ({ kind: 'c' as ShardKind, shard, columns })),
    ];
    try {
      await forEachLimited(writes, async ({ kind, shard, columns }) => {
        await writeShard(join(this.#dir, shardFileName(kind, shard, generation)), columns);
        (kind === 't' ? next.tokenShards : next.customerShards)[shard] = generation;
      });
      await fsyncDirectory(this.#dir);
      await writeFileAtomically(this.#manifestPath, JSON.stringify(next));
    } catch (error) {
      await this.#removeUnreferenced(base);
      throw new Error(
        `links.add(${this.#project}): writing ${this.#dir} failed, so nothing was added: ${(error as Error).message}`,
        { cause: error },
      );
    }
    await this.#reloadIfChanged();
    await this.#removeUnreferenced(next);
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

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): [number, T[]][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups];
}

/**
 * Runs `task` over the items with at most WRITE_CONCURRENCY in flight. After a failure no new
 * item starts, and it rejects only once the running ones have settled, so a cleanup that
 * follows never races a write still in progress.
 */
async function forEachLimited<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
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
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, items.length) }, worker));
  if (failure) throw failure.error;
}
