import { open, readFile } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import type { AudienceGroup, LinkRecord } from '../types.ts';
import { fnv1a } from '../../lib/fnv1a.ts';
import { isNotFound } from './durable-fs.ts';

/**
 * The file format of link shards. A token shard holds links, a customer shard maps customer ids
 * to tokens. Each is a lowdb file of columns (one array per field; row i of every array is one
 * entry) rather than an array of objects or an object keyed by token: parsing and writing plain
 * arrays of strings allocates far less, and a million-link import is bound by exactly that.
 */
export interface TokenColumns {
  token: string[];
  customerId: string[];
  /** 1 for a link of the control group, 0 for the target group. */
  control: (0 | 1)[];
  /**
   * Import times in row order, as [time, rows] runs: a shard's links arrive an import at a
   * time, so a timestamp repeated with every link (a quarter of a shard's bytes) becomes a few.
   */
  importedAt: ImportRun[];
  name: (string | null)[];
  segment: (string | null)[];
  spend: (number | null)[];
}

export type ImportRun = [importedAt: string, rows: number];

/** Token shards as written before group and import time were compacted; read and converted. */
interface TokenColumnsWithTextGroups extends Omit<TokenColumns, 'control' | 'importedAt'> {
  group: AudienceGroup[];
  importedAt: string[];
}

export interface CustomerColumns {
  customerId: string[];
  token: string[];
}

export interface ShardColumns {
  t: TokenColumns;
  c: CustomerColumns;
}
export type ShardKind = keyof ShardColumns;

/** A parsed shard and the row of each key (the token, or the customer id). */
export interface Shard<Kind extends ShardKind> {
  columns: ShardColumns[Kind];
  rowOf: Map<string, number>;
}

/** Shard count of a new project; an existing project keeps the count its manifest was written with. */
export const LINK_SHARDS = 1024;

/** The shard of a token or customer id (see fnv1a). */
export function shardOf(key: string, shards: number): number {
  return fnv1a(key) % shards;
}

export function shardFileName(kind: ShardKind, shard: number, generation: number): string {
  return `${kind}-${shard.toString(16).padStart(4, '0')}.g${generation}.json`;
}

export const SHARD_FILE = /^[tc]-[0-9a-f]{4}\.g\d+\.json$/;

export class MissingShardError extends Error {}

/**
 * A shard file for lowdb, as its JSON text: read whole, and written straight to its file and
 * fsynced through the same handle from the bytes the shard writers encode (shard-writing.ts).
 * lowdb's own TextFile writes a temporary file and renames it, which a shard does not need
 * (every generation is a new file name that no reader knows until the manifest names it) and
 * which doubles the directory operations of an import writing two thousand shards.
 */
class ShardFile implements Adapter<Buffer> {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async read(): Promise<Buffer | null> {
    try {
      return await readFile(this.#path);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async write(json: Buffer): Promise<void> {
    const handle = await open(this.#path, 'w');
    try {
      await handle.writeFile(json);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** lowdb's data until a read finds the file. */
const NO_FILE = Buffer.alloc(0);

export async function readShard<Kind extends ShardKind>(kind: Kind, path: string): Promise<Shard<Kind>> {
  const db = new Low(new ShardFile(path), NO_FILE);
  await db.read();
  if (db.data === NO_FILE) throw new MissingShardError(`link shard ${path} is gone`);
  const data = JSON.parse(db.data.toString('utf8')) as ShardColumns[Kind] | TokenColumnsWithTextGroups;
  const columns = ('group' in data ? compacted(data) : data) as ShardColumns[Kind];
  const keys = kind === 't' ? (columns as TokenColumns).token : (columns as CustomerColumns).customerId;
  const rowOf = new Map<string, number>();
  keys.forEach((key, row) => rowOf.set(key, row));
  return { columns, rowOf };
}

function compacted({ group, importedAt, ...rest }: TokenColumnsWithTextGroups): TokenColumns {
  const columns: TokenColumns = { ...rest, control: group.map((value) => (value === 'control' ? 1 : 0)), importedAt: [] };
  for (const time of importedAt) appendImportTime(columns.importedAt, time);
  return columns;
}

/** Writes a new shard file, durably; the file name is new, so no reader can see it half written. */
export async function writeShard(path: string, json: Buffer): Promise<void> {
  await new Low(new ShardFile(path), json).write();
}

export function appendImportTime(runs: ImportRun[], importedAt: string): void {
  const last = runs.at(-1);
  if (last && last[0] === importedAt) last[1]++;
  else runs.push([importedAt, 1]);
}

function importTimeAt(runs: readonly ImportRun[], row: number): string {
  let end = 0;
  for (const [importedAt, rows] of runs) {
    end += rows;
    if (row < end) return importedAt;
  }
  throw new Error(`link shard row ${row} has no import time; the shard is damaged`);
}

export function linkAt(project: string, columns: TokenColumns, row: number): LinkRecord {
  const link: LinkRecord = {
    project,
    token: columns.token[row] as string,
    customerId: columns.customerId[row] as string,
    group: columns.control[row] === 1 ? 'control' : 'target',
    importedAt: importTimeAt(columns.importedAt, row),
  };
  const name = columns.name[row];
  const segment = columns.segment[row];
  const spend = columns.spend[row];
  if (name != null) link.name = name;
  if (segment != null) link.segment = segment;
  if (spend != null) link.spend = spend;
  return link;
}

/** Parsed shards shared by every project, least recently used dropped first. */
export class ShardCache {
  readonly #limit: number;
  readonly #shards = new Map<string, Promise<Shard<ShardKind>>>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get<Kind extends ShardKind>(kind: Kind, path: string): Promise<Shard<Kind>> {
    let shard = this.#shards.get(path) as Promise<Shard<Kind>> | undefined;
    if (shard) {
      this.#shards.delete(path);
    } else {
      shard = readShard(kind, path);
      shard.catch(() => this.#shards.delete(path));
    }
    this.#shards.set(path, shard);
    for (const oldest of this.#shards.keys()) {
      if (this.#shards.size <= this.#limit) break;
      this.#shards.delete(oldest);
    }
    return shard;
  }
}
