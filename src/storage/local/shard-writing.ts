import { fnv1aOfUtf8 } from '../../lib/fnv1a.ts';
import { FirstOfKey } from '../../lib/first-of-key.ts';
import { JsonBytes } from '../../lib/json-bytes.ts';
import { emptySlice, sameBytes, sliceText } from '../../lib/utf8-slice.ts';
import { tokenTakenError } from '../record-checks.ts';
import type { LinkBatch, LinkTextField } from './link-batch.ts';
import { appendImportTime, writeShard, type ImportRun, type Shard } from './link-shards.ts';
import type { ByteRange, ShardPack } from './shard-pack.ts';

/**
 * Building and writing the link shards of a batch for the local link store (links.ts): the
 * grouping of links by shard, the builders, and the bounded queue of writes.
 */

/** The pack a group's shards are appended to, and the queue their writes go through. */
export interface ShardTarget {
  pack: ShardPack;
  writes: ShardWrites;
}

/**
 * Starts appending a group's built shards to the pack, calling `done` with each shard and
 * where it landed once it is written. A builder is dropped as soon as its JSON is complete.
 */
export async function writeGroup(
  first: number,
  builders: (ShardBuilder | undefined)[],
  target: ShardTarget,
  done: (shard: number, range: ByteRange) => void,
): Promise<void> {
  for (const [offset, builder] of builders.entries()) {
    builders[offset] = undefined;
    const json = builder?.json();
    if (json) await target.writes.start(() => writeShard(target.pack, json).then((range) => done(first + offset, range)));
  }
}

/** The field a shard is keyed by: the token for token shards, the customer id for customer shards. */
type ShardKey = Extract<LinkTextField, 'token' | 'customerId'>;

/** Marks a link without a shard where a shard number would be. */
export const NO_SHARD = 0xffffffff;

/** Shard reads or writes at once: enough to overlap file I/O with parsing and serializing. */
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
 * Shards are built or looked up a group at a time, the group's links visited in index order:
 * a batch's columns hold its links in that order, so each pass reads them front to back
 * instead of jumping across them for every link, and reads them the more densely the larger
 * the group. A builder holds its shard's JSON as it grows (about 150 kB for a token shard at
 * a million links), so a group of 64 holds about 10 MB; a lookup holds its group's shards
 * parsed, several times larger, so it goes 16 at a time.
 */
export const SHARDS_PER_GROUP = { building: 64, lookingUp: 16 };

/** A shard with the batch's links added: its JSON, or undefined when it gained none. */
export interface ShardBuilder {
  json(): Buffer | undefined;
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
  shards: { count: number; perGroup: number },
  task: (first: number, count: number, indexes: Uint32Array, wanted: Uint8Array) => Promise<void>,
): Promise<void> {
  const { perGroup } = shards;
  const hasLinks = new Uint8Array(shards.count);
  for (const shard of shardOfLink) if (shard !== NO_SHARD) hasLinks[shard] = 1;
  const groups = Math.ceil(shards.count / perGroup);
  const byGroup = placeRowsByShard(shardOfLink.length, groups + 1, (index) => {
    const shard = shardOfLink[index] ?? NO_SHARD;
    return shard === NO_SHARD ? groups : Math.floor(shard / perGroup);
  });
  for (let group = 0; group < groups; group++) {
    const indexes = byGroup.rowsOf(group);
    const first = group * perGroup;
    const count = Math.min(perGroup, shards.count - first);
    if (indexes.length > 0) await task(first, count, indexes, hasLinks.subarray(first, first + count));
  }
}

/**
 * fnv1a of each included link's key, and the shard that follows from it (NO_SHARD for links
 * left out), read from the key's UTF-8 bytes.
 */
export function keyShards(links: LinkBatch, key: ShardKey, shards: number, included: (index: number) => boolean) {
  const hashes = new Uint32Array(links.size);
  const shardOfLink = new Uint32Array(links.size).fill(NO_SHARD);
  const slice = emptySlice();
  for (let index = 0; index < links.size; index++) {
    if (!included(index)) continue;
    links.textAt(key, index, slice);
    hashes[index] = fnv1aOfUtf8(slice);
    shardOfLink[index] = (hashes[index] ?? 0) % shards;
  }
  return { hashes, shardOfLink };
}

/**
 * One field of a shard as a JSON array being written: the values the shard has, then a new
 * link's as each is added. Writing as links are added, in the batch's index order, reads the
 * batch's columns front to back; writing shard by shard afterwards would jump across them
 * for every value, and the memory stalls cost more than the writing.
 */
class JsonArray {
  readonly #json: JsonBytes;
  #isEmpty: boolean;

  constructor(existing: readonly unknown[] | undefined) {
    this.#json = new JsonBytes(FIELD_CAPACITY).char(OPEN_BRACKET);
    this.#isEmpty = existing === undefined || existing.length === 0;
    if (!this.#isEmpty) this.#json.raw(JSON.stringify(existing).slice(1, -1));
  }

  /** Where to write the next value (after a comma, when it is not the first). */
  next(): JsonBytes {
    if (!this.#isEmpty) this.#json.char(COMMA);
    this.#isEmpty = false;
    return this.#json;
  }

  close(): Buffer {
    return this.#json.char(CLOSE_BRACKET).bytes;
  }
}

const [OPEN_BRACKET, CLOSE_BRACKET, COMMA] = [0x5b, 0x5d, 0x2c];
/** A field's first buffer: a text field of a thousand-link shard outgrows it once or twice. */
const FIELD_CAPACITY = 8 * 1024;

/**
 * A shard's links: those it already has and the batch's new ones, written as JSON from the
 * batch's UTF-8 columns. Of two new links with the same key (customer id, or token) the
 * first is the one added; `add` finds the earlier one by hash and compares bytes only then.
 */
abstract class ShardRows {
  protected readonly links: LinkBatch;
  protected readonly slice = emptySlice();
  protected added = 0;
  readonly #key: ShardKey;
  readonly #firsts = new FirstOfKey();
  readonly #earlier = emptySlice();
  readonly #isSameKey = (earlier: number) => this.links.textAt(this.#key, earlier, this.#earlier) && sameBytes(this.slice, this.#earlier);

  constructor(links: LinkBatch, key: ShardKey) {
    this.links = links;
    this.#key = key;
  }

  /** Points `slice` at link `index`'s key and finds an earlier new link with the same key, else adds this one as new. */
  protected earlierWithKey(index: number, hash: number): number | undefined {
    this.links.textAt(this.#key, index, this.slice);
    return this.#firsts.firstOrAdd(hash, index, this.#isSameKey);
  }

  /** Writes a text field of link `index` to its array: its UTF-8 as a JSON string, or null. */
  protected text(array: JsonArray, field: LinkTextField, index: number): void {
    if (this.links.textAt(field, index, this.slice)) array.next().string(this.slice);
    else array.next().raw('null');
  }

  /** The shard's JSON: an object of the named arrays; undefined when no link was added. */
  protected object(fields: [name: string, json: Buffer][]): Buffer | undefined {
    if (this.added === 0) return undefined;
    const parts = fields.flatMap(([name, json], position) => [Buffer.from(`${position === 0 ? '{' : ','}"${name}":`), json]);
    return Buffer.concat([...parts, Buffer.from('}')]);
  }
}

/** Adds the batch's customers new to one customer shard. */
export class CustomerShardBuilder extends ShardRows implements ShardBuilder {
  readonly #existing: Shard<'c'> | undefined;
  readonly #customerIds: JsonArray;
  readonly #tokens: JsonArray;

  constructor(links: LinkBatch, existing: Shard<'c'> | undefined) {
    super(links, 'customerId');
    this.#existing = existing;
    this.#customerIds = new JsonArray(existing?.columns.customerId);
    this.#tokens = new JsonArray(existing?.columns.token);
  }

  /** Adds link `index` unless its customer has a link already; `hash` is fnv1a of the customer id. True when added. */
  add(index: number, hash: number): boolean {
    if (this.earlierWithKey(index, hash) !== undefined) return false;
    if (this.#existing?.rowOf.has(sliceText(this.slice))) return false;
    this.#customerIds.next().string(this.slice);
    this.text(this.#tokens, 'token', index);
    this.added++;
    return true;
  }

  json(): Buffer | undefined {
    return this.object([
      ['customerId', this.#customerIds.close()],
      ['token', this.#tokens.close()],
    ]);
  }
}

/** Adds links to one token shard; throws (writing nothing) on a token that is taken. */
export class TokenShardBuilder extends ShardRows implements ShardBuilder {
  readonly #project: string;
  readonly #existing: Shard<'t'> | undefined;
  readonly #other = emptySlice();
  readonly #fields: Record<'token' | 'customerId' | 'control' | 'name' | 'segment' | 'spend', JsonArray>;
  readonly #importRuns: ImportRun[];
  /** Started by the shard's first link with an arm (null for every row before it), so projects without arms write no column. */
  #arms: JsonArray | undefined;
  #rows: number;

  constructor(project: string, links: LinkBatch, existing: Shard<'t'> | undefined) {
    super(links, 'token');
    this.#project = project;
    this.#existing = existing;
    const columns = existing?.columns;
    this.#fields = {
      token: new JsonArray(columns?.token),
      customerId: new JsonArray(columns?.customerId),
      control: new JsonArray(columns?.control),
      name: new JsonArray(columns?.name),
      segment: new JsonArray(columns?.segment),
      spend: new JsonArray(columns?.spend),
    };
    this.#importRuns = (columns?.importedAt ?? []).map(([time, rows]): ImportRun => [time, rows]);
    this.#rows = columns?.token.length ?? 0;
    this.#arms = columns?.arm && new JsonArray(columns.arm);
  }

  /** Adds link `index`; `hash` is fnv1a of its token. */
  add(index: number, hash: number): void {
    const earlier = this.earlierWithKey(index, hash);
    if (earlier !== undefined || this.#existing) this.#refuseTakenToken(index, earlier);
    const fields = this.#fields;
    fields.token.next().string(this.slice);
    this.text(fields.customerId, 'customerId', index);
    fields.control.next().char(this.links.groupAt(index) === 'control' ? DIGIT_ONE : DIGIT_ZERO);
    appendImportTime(this.#importRuns, this.links.importedAtOf(index));
    this.text(fields.name, 'name', index);
    this.text(fields.segment, 'segment', index);
    fields.spend.next().number(this.links.spendAt(index));
    this.#addArm(this.links.armAt?.(index));
    this.#rows++;
    this.added++;
  }

  #addArm(arm: string | undefined): void {
    if (arm === undefined && !this.#arms) return;
    this.#arms ??= new JsonArray(new Array<null>(this.#rows).fill(null));
    this.#arms.next().raw(JSON.stringify(arm ?? null));
  }

  json(): Buffer | undefined {
    const fields = this.#fields;
    return this.object([
      ['token', fields.token.close()],
      ['customerId', fields.customerId.close()],
      ['control', fields.control.close()],
      ['importedAt', Buffer.from(JSON.stringify(this.#importRuns))],
      ['name', fields.name.close()],
      ['segment', fields.segment.close()],
      ['spend', fields.spend.close()],
      ...(this.#arms ? [['arm', this.#arms.close()] as [string, Buffer]] : []),
    ]);
  }

  /** Throws when the token (in `slice`) belongs to a link the shard has, or to an earlier link of the batch. */
  #refuseTakenToken(index: number, earlier: number | undefined): void {
    const token = sliceText(this.slice);
    const existingRow = this.#existing?.rowOf.get(token);
    const owner = existingRow === undefined ? this.#customerIdAt(earlier) : this.#existing?.columns.customerId[existingRow];
    if (owner !== undefined) throw tokenTakenError(this.#project, { token, customerId: this.#customerIdAt(index) ?? '' }, owner);
  }

  #customerIdAt(index: number | undefined): string | undefined {
    return index !== undefined && this.links.textAt('customerId', index, this.#other) ? sliceText(this.#other) : undefined;
  }
}

const [DIGIT_ZERO, DIGIT_ONE] = [0x30, 0x31];

/**
 * The shard writes an import has running, at most SHARD_CONCURRENCY at once across groups and
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
  await forEachLimited(
    Array.from({ length: count }, (_, item) => item),
    async (item) => {
      results[item] = await task(item);
    },
  );
  return results;
}
