import { fnv1a } from '../../lib/fnv1a.ts';
import type { LinkRecord } from '../types.ts';
import {
  importTimeAt,
  latin1Reading,
  linkAt,
  readTokenColumns,
  utf8OfLatin1,
  type ImportRun,
  type ShardSource,
  type TokenColumns,
} from './link-shards.ts';

/**
 * A token shard reduced to what `byToken` needs: each link's row as a short JSON array in one
 * buffer, and an open-addressing table from token hash to row. Parsing a shard (a thousand links
 * at 1 000 000) costs far more than a lookup, so each shard is parsed once and kept in this
 * form: a buffer and two typed arrays, which the garbage collector never walks, instead of
 * thousands of strings that every collection would trace. A lookup parses one row.
 */
export class TokenIndex {
  /** The rows' JSON, in the encoding the shard was read with (see `#latin1`). */
  readonly #rows: Buffer;
  /** Where each row's JSON ends in `#rows`; it starts where the one before ends. */
  readonly #ends: Uint32Array;
  /** Pairs of [token hash, row + 1], 0 for an empty slot; a power of two of pairs, at most half full. */
  readonly #slots: Uint32Array;
  readonly #importedAt: ImportRun[];
  /** True when the rows hold the Latin-1 reading of UTF-8 text (see parseShardText in link-shards.ts). */
  readonly #latin1: boolean;

  private constructor(rows: Buffer, ends: Uint32Array, slots: Uint32Array, importedAt: ImportRun[], latin1: boolean) {
    this.#rows = rows;
    this.#ends = ends;
    this.#slots = slots;
    this.#importedAt = importedAt;
    this.#latin1 = latin1;
  }

  static of(columns: TokenColumns, latin1: boolean): TokenIndex {
    const count = columns.token.length;
    const ends = new Uint32Array(count);
    const slots = new Uint32Array(2 * tableSize(count));
    const mask = slots.length / 2 - 1;
    const texts: string[] = [];
    let end = 0;
    for (let row = 0; row < count; row++) {
      const token = columns.token[row] as string;
      const text = JSON.stringify([
        token,
        columns.customerId[row],
        columns.control[row],
        columns.name[row] ?? null,
        columns.segment[row] ?? null,
        columns.spend[row] ?? null,
        columns.arm?.[row] ?? null,
      ]);
      texts.push(text);
      // A Latin-1 reading has one character per byte; otherwise the UTF-8 length is counted.
      end += latin1 ? text.length : Buffer.byteLength(text, 'utf8');
      ends[row] = end;
      const hash = fnv1a(token);
      let slot = spread(hash) & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = row + 1;
    }
    const rows = Buffer.from(texts.join(''), latin1 ? 'latin1' : 'utf8');
    return new TokenIndex(rows, ends, slots, columns.importedAt, latin1);
  }

  /** Memory held, for the cache's budget. */
  get bytes(): number {
    return this.#rows.byteLength + this.#ends.byteLength + this.#slots.byteLength;
  }

  link(project: string, token: string): LinkRecord | undefined {
    const key = this.#latin1 ? latin1Reading(token) : token;
    const hash = fnv1a(key);
    const mask = this.#slots.length / 2 - 1;
    for (let slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      const row = (this.#slots[2 * slot + 1] ?? 0) - 1;
      if (row === -1) return undefined;
      if (this.#slots[2 * slot] !== hash) continue;
      const fields = this.#fields(row);
      if (fields[0] === key) return this.#link(project, row, fields);
    }
  }

  #fields(row: number): RowFields {
    const start = row === 0 ? 0 : (this.#ends[row - 1] ?? 0);
    return JSON.parse(this.#rows.toString(this.#latin1 ? 'latin1' : 'utf8', start, this.#ends[row])) as RowFields;
  }

  /** The link of a row, assembled by linkAt as a shard's row would be, so both give the same record. */
  #link(project: string, row: number, [token, customerId, control, name, segment, spend, arm]: RowFields): LinkRecord {
    const columns: TokenColumns = {
      token: [token],
      customerId: [customerId],
      control: [control],
      importedAt: [[importTimeAt(this.#importedAt, row), 1]],
      name: [name],
      segment: [segment],
      spend: [spend],
      arm: [arm],
    };
    return linkAt(project, columns, 0, this.#latin1 ? utf8OfLatin1 : undefined);
  }
}

type RowFields = [
  token: string,
  customerId: string,
  control: 0 | 1,
  name: string | null,
  segment: string | null,
  spend: number | null,
  arm: string | null,
];

/** Slots for `count` keys: a power of two at least twice as many, so probes stay short. */
function tableSize(count: number): number {
  let size = 2;
  while (size < 2 * count) size *= 2;
  return size;
}

/**
 * Mixes a token's hash into the bits that pick its slot: a shard's tokens share the hash's low
 * bits (they picked the shard), so those alone would put every token in a few slots.
 */
function spread(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/**
 * Token indexes of the shards looked up, shared by every project, least recently used dropped
 * first once they hold more than `budgetBytes`. A shard's document never changes (a new
 * generation is a new place), so its place is its key.
 */
export class TokenIndexCache {
  readonly #budgetBytes: number;
  readonly #indexes = new Map<string, { index: Promise<TokenIndex>; bytes: number }>();
  #bytes = 0;
  #largestBytes = 0;

  constructor(budgetBytes: number) {
    this.#budgetBytes = budgetBytes;
  }

  get(source: ShardSource): Promise<TokenIndex> {
    const key = source.range ? `${source.path}@${source.range.offset}` : source.path;
    const cached = this.#indexes.get(key);
    if (cached) {
      this.#indexes.delete(key);
      this.#indexes.set(key, cached);
      return cached.index;
    }
    const entry = { index: readTokenColumns(source).then(({ columns, latin1 }) => TokenIndex.of(columns, latin1)), bytes: 0 };
    this.#indexes.set(key, entry);
    entry.index.then(
      (index) => {
        if (this.#indexes.get(key) !== entry) return;
        entry.bytes = index.bytes;
        this.#bytes += index.bytes;
        this.#largestBytes = Math.max(this.#largestBytes, index.bytes);
        this.#evict();
      },
      () => {
        if (this.#indexes.get(key) === entry) this.#indexes.delete(key);
      },
    );
    return entry.index;
  }

  /** True while another index of the largest size seen so far fits in the budget beside those held. */
  hasRoomForMore(): boolean {
    return this.#bytes + this.#largestBytes <= this.#budgetBytes;
  }

  /** Drops the least recently used indexes past the budget; the newest always stays. */
  #evict(): void {
    for (const [key, entry] of this.#indexes) {
      if (this.#bytes <= this.#budgetBytes || this.#indexes.size <= 1) break;
      this.#indexes.delete(key);
      this.#bytes -= entry.bytes;
    }
  }
}
