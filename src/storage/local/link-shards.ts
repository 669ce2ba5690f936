import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { AudienceGroup, LinkRecord } from '../types.ts';
import { fnv1a } from '../../lib/fnv1a.ts';
import { isNotFound } from './durable-fs.ts';
import { readRange, type ByteRange, type ShardPack } from './shard-pack.ts';

/**
 * The format of link shards. A token shard holds links, a customer shard maps customer ids to
 * tokens. Each is a lowdb JSON document of columns (one array per field; row i of every array
 * is one entry) rather than an array of objects or an object keyed by token: parsing plain
 * arrays of strings allocates far less, and an import writes them column by column.
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
  /** A/B arm of each row; absent in shards that never had a link with an arm. */
  arm?: (string | null)[];
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

/**
 * A parsed shard and the row of each key (the token, or the customer id). Its text is read as
 * Latin-1 (see parseShardJson) and decoded as UTF-8 only where asked: one link's fields for a
 * lookup, every column for an import or a scan.
 */
export class Shard<Kind extends ShardKind> {
  readonly #kind: Kind;
  readonly #columns: ShardColumns[Kind];
  /** True while the columns' strings are still the Latin-1 reading of their UTF-8 bytes. */
  #latin1: boolean;
  #rowOf: Map<string, number> | undefined;
  #scanned = false;

  constructor(kind: Kind, columns: ShardColumns[Kind], latin1: boolean) {
    this.#kind = kind;
    this.#columns = columns;
    this.#latin1 = latin1;
  }

  get columns(): ShardColumns[Kind] {
    if (this.#latin1) {
      utf8Strings(this.#columns);
      this.#latin1 = false;
      this.#rowOf = undefined;
    }
    return this.#columns;
  }

  get rowOf(): ReadonlyMap<string, number> {
    const keys = this.#keys(this.columns);
    if (!this.#rowOf) {
      const rowOf = new Map<string, number>();
      keys.forEach((key, row) => rowOf.set(key, row));
      this.#rowOf = rowOf;
    }
    return this.#rowOf;
  }

  /**
   * The row of one key: a scan on the shard's first lookup, an index from its second on
   * (hashing a thousand fresh keys costs more than the one lookup most shards get).
   */
  rowOfKey(key: string): number | undefined {
    const stored = this.#latin1 ? latin1Reading(key) : key;
    if (!this.#rowOf && this.#scanned) {
      const rowOf = new Map<string, number>();
      this.#keys(this.#columns).forEach((each, row) => rowOf.set(each, row));
      this.#rowOf = rowOf;
    }
    if (this.#rowOf) return this.#rowOf.get(stored);
    this.#scanned = true;
    const row = this.#keys(this.#columns).indexOf(stored);
    return row === -1 ? undefined : row;
  }

  /** The token a row of a customer shard points to, decoded. */
  token(this: Shard<'c'>, row: number): string | undefined {
    const token = this.#columns.token[row];
    return token !== undefined && this.#latin1 ? utf8OfLatin1(token) : token;
  }

  #keys(columns: ShardColumns[Kind]): string[] {
    return this.#kind === 't' ? (columns as TokenColumns).token : (columns as CustomerColumns).customerId;
  }
}

/** Shard count of a new project; an existing project keeps the count its manifest was written with. */
export const LINK_SHARDS = 1024;

/** The shard of a token or customer id (see fnv1a). */
export function shardOf(key: string, shards: number): number {
  return fnv1a(key) % shards;
}

/**
 * Where a shard's JSON is, as the manifest names it: `[generation, offset, length]` in the
 * pack file of the import of that generation; in a manifest written before packs, the
 * generation of the shard's own file; 0 while the shard has no links.
 */
export type ShardPlace = number | PackedPlace;
export type PackedPlace = [generation: number, offset: number, length: number];

/** The file holding a shard's JSON, and the range of it for a shard in a pack. */
export interface ShardSource {
  path: string;
  range?: ByteRange;
}

/** Where to read a shard; undefined for a shard without links. */
export function shardSource(dir: string, kind: ShardKind, shard: number, place: ShardPlace): ShardSource | undefined {
  if (place === 0) return undefined;
  return typeof place === 'number' ? { path: join(dir, shardFileName(kind, shard, place)) } : packedSource(dir, place);
}

export function packedSource(dir: string, [generation, offset, length]: PackedPlace): ShardSource {
  return { path: join(dir, packFileName(generation)), range: { offset, length } };
}

export function packFileName(generation: number): string {
  return `links.g${generation}.pack`;
}

/** A shard's own file, as written before packs. */
export function shardFileName(kind: ShardKind, shard: number, generation: number): string {
  return `${kind}-${shard.toString(16).padStart(4, '0')}.g${generation}.json`;
}

/** Files of a links folder that hold shards: packs, and shard files written before packs. */
export const SHARD_FILE = /^(links\.g\d+\.pack|[tc]-[0-9a-f]{4}\.g\d+\.json)$/;

export class MissingShardError extends Error {}

/**
 * A shard's JSON as a lowdb document: a byte range of a pack file, or the whole of a shard
 * file written before packs. It is written by appending it to the pack an import is writing,
 * which tells where it landed; the manifest names that place once the import is complete.
 */
class ShardDocument implements Adapter<Buffer> {
  #source: ShardSource | undefined;
  readonly #pack: ShardPack | undefined;

  private constructor(source: ShardSource | undefined, pack: ShardPack | undefined) {
    this.#source = source;
    this.#pack = pack;
  }

  static at(source: ShardSource): ShardDocument {
    return new ShardDocument(source, undefined);
  }

  static into(pack: ShardPack): ShardDocument {
    return new ShardDocument(undefined, pack);
  }

  /** Where the document is: the place it was read from, or where it was written. */
  get range(): ByteRange | undefined {
    return this.#source?.range;
  }

  async read(): Promise<Buffer | null> {
    const source = this.#source;
    if (!source) return null;
    try {
      return source.range ? await readRange(source.path, source.range) : await readFile(source.path);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async write(json: Buffer): Promise<void> {
    if (!this.#pack) throw new Error('a link shard is written only into the pack of an import');
    this.#source = { path: this.#pack.path, range: await this.#pack.append(json) };
  }
}

/** lowdb's data until a read finds the file. */
const NO_FILE = Buffer.alloc(0);

/** A shard's JSON as it is stored; throws MissingShardError when its file is gone. */
export async function readShardJson(source: ShardSource): Promise<Buffer> {
  const db = new Low(ShardDocument.at(source), NO_FILE);
  await db.read();
  if (db.data === NO_FILE) throw new MissingShardError(`link shard file ${source.path} is gone`);
  return db.data;
}

export async function readShard<Kind extends ShardKind>(kind: Kind, source: ShardSource): Promise<Shard<Kind>> {
  const { columns, latin1 } = await readColumns(source);
  return new Shard(kind, columns as ShardColumns[Kind], latin1);
}

/** A token shard's columns, their text still the Latin-1 reading when `latin1` (see parseShardText). */
export function readTokenColumns(source: ShardSource): Promise<{ columns: TokenColumns; latin1: boolean }> {
  return readColumns(source) as Promise<{ columns: TokenColumns; latin1: boolean }>;
}

async function readColumns(source: ShardSource): Promise<{ columns: ShardColumns[ShardKind]; latin1: boolean }> {
  const { data, latin1 } = parseShardText(await readShardJson(source));
  const columns = data as ShardColumns[ShardKind] | TokenColumnsWithTextGroups;
  return { columns: 'group' in columns ? compacted(columns) : columns, latin1 };
}

/**
 * A shard's JSON, parsed with its strings as the Latin-1 reading of their UTF-8 bytes. Decoding
 * a whole shard as UTF-8 was most of a lookup's cost (V8 decodes ASCII mixed with Cyrillic names
 * at tens of ns a byte, Latin-1 about fifty times faster), and a lookup needs one row's text.
 * JSON's structure is ASCII, so it survives; a `\\u` escape could stand for a character above
 * U+00FF, which a Latin-1 reading cannot hold, so a shard with one is decoded whole.
 */
function parseShardText(json: Buffer): { data: unknown; latin1: boolean } {
  if (json.includes('\\u')) return { data: JSON.parse(json.toString('utf8')), latin1: false };
  return { data: JSON.parse(json.toString('latin1')), latin1: true };
}

/** A shard's JSON, parsed, every string decoded. */
export function parseShardJson(json: Buffer): unknown {
  const { data, latin1 } = parseShardText(json);
  return latin1 ? utf8Strings(data) : data;
}

const NON_ASCII = /[\x80-\uffff]/;

export function utf8OfLatin1(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

export function latin1Reading(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}

/** Decodes in place every string of a Latin-1 reading. */
function utf8Strings(value: unknown): unknown {
  if (typeof value === 'string') return utf8OfLatin1(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = utf8Strings(value[index]);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = utf8Strings(record[key]);
  }
  return value;
}

function compacted({ group, importedAt, ...rest }: TokenColumnsWithTextGroups): TokenColumns {
  const columns: TokenColumns = { ...rest, control: group.map((value) => (value === 'control' ? 1 : 0)), importedAt: [] };
  for (const time of importedAt) appendImportTime(columns.importedAt, time);
  return columns;
}

/**
 * Appends a shard's JSON to the pack of an import and says where it landed; durable once the
 * pack is finished. No reader sees it until the manifest names that place.
 */
export async function writeShard(pack: ShardPack, json: Buffer): Promise<ByteRange> {
  const document = ShardDocument.into(pack);
  await new Low(document, json).write();
  return document.range as ByteRange; // set by the write
}

export function appendImportTime(runs: ImportRun[], importedAt: string): void {
  const last = runs.at(-1);
  if (last && last[0] === importedAt) last[1]++;
  else runs.push([importedAt, 1]);
}

export function importTimeAt(runs: readonly ImportRun[], row: number): string {
  let end = 0;
  for (const [importedAt, rows] of runs) {
    end += rows;
    if (row < end) return importedAt;
  }
  throw new Error(`link shard row ${row} has no import time; the shard is damaged`);
}

/** The link of a row; `text` decodes the row's strings when the columns hold them undecoded. */
export function linkAt(project: string, columns: TokenColumns, row: number, text = (value: string) => value): LinkRecord {
  const link: LinkRecord = {
    project,
    token: text(columns.token[row] as string),
    customerId: text(columns.customerId[row] as string),
    group: columns.control[row] === 1 ? 'control' : 'target',
    importedAt: importTimeAt(columns.importedAt, row),
  };
  const name = columns.name[row];
  const segment = columns.segment[row];
  const spend = columns.spend[row];
  const arm = columns.arm?.[row];
  if (name != null) link.name = text(name);
  if (arm != null) link.arm = text(arm);
  if (segment != null) link.segment = text(segment);
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

  /** A shard's document never changes (a new generation is a new file), so its place is its key. */
  get<Kind extends ShardKind>(kind: Kind, source: ShardSource): Promise<Shard<Kind>> {
    const key = source.range ? `${source.path}@${source.range.offset}` : source.path;
    let shard = this.#shards.get(key) as Promise<Shard<Kind>> | undefined;
    if (shard) {
      this.#shards.delete(key);
    } else {
      shard = readShard(kind, source);
      shard.catch(() => this.#shards.delete(key));
    }
    this.#shards.set(key, shard);
    for (const oldest of this.#shards.keys()) {
      if (this.#shards.size <= this.#limit) break;
      this.#shards.delete(oldest);
    }
    return shard;
  }
}
