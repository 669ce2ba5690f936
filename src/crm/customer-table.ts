import { fnv1a } from '../lib/fnv1a.ts';
import { grown, TextColumn, type SharedText } from '../lib/text-column.ts';
import { pointSlice, type Utf8Slice } from '../lib/utf8-slice.ts';
import type { CustomerRow } from './customers.ts';

/**
 * The distinct customers of an import, in file order, held column by column: numbers in typed
 * arrays, text (customer ids included) as UTF-8 bytes. A CustomerRow object per customer costs
 * about 400 bytes at a million rows; these columns cost about a quarter of that and nothing for
 * the collector to trace.
 */
export class CustomerTable {
  #size = 0;
  #lines = new Uint32Array(1024);
  /** NaN for a customer without a spend. */
  #spends = new Float64Array(1024);
  /** 0 for no segment, else 1 + the segment's position in #segmentNames. */
  #segments = new Uint32Array(1024);
  readonly #segmentNames: string[] = [];
  /** Each segment name as UTF-8, for `textAt`. */
  readonly #segmentBytes: Buffer[] = [];
  readonly #segmentNumbers = new Map<string, number>();
  readonly #customerIds = new TextColumn();
  readonly #indexOf = new CustomerIdIndex();
  readonly #names = new TextColumn();
  readonly #emails = new TextColumn();
  readonly #phones = new TextColumn();

  get size(): number {
    return this.#size;
  }

  indexOf(customerId: string): number | undefined {
    return this.#indexOf.find(customerId, (row) => this.#customerIds.at(row));
  }

  add(row: CustomerRow): void {
    if (this.#size === this.#lines.length) this.#grow();
    const index = this.#size++;
    this.#lines[index] = row.line;
    this.#spends[index] = row.spend ?? Number.NaN;
    this.#segments[index] = row.segment === undefined ? 0 : this.#segmentNumber(row.segment);
    this.#customerIds.push(row.customerId);
    this.#indexOf.add(row.customerId, index);
    this.#names.push(row.name);
    this.#emails.push(row.email);
    this.#phones.push(row.phone);
  }

  /** The customer as a row object again, for the few places that need one. */
  rowAt(index: number): CustomerRow {
    return {
      line: this.#lines[index] ?? 0,
      customerId: this.customerIdAt(index),
      name: this.#names.at(index),
      email: this.#emails.at(index),
      phone: this.#phones.at(index),
      segment: this.segmentAt(index),
      spend: this.spendAt(index),
    };
  }

  customerIdAt(index: number): string {
    return this.#customerIds.at(index) ?? '';
  }

  nameAt(index: number): string | undefined {
    return this.#names.at(index);
  }

  segmentAt(index: number): string | undefined {
    const number = this.#segments[index] ?? 0;
    return number === 0 ? undefined : this.#segmentNames[number - 1];
  }

  spendAt(index: number): number | undefined {
    const spend = this.#spends[index] ?? Number.NaN;
    return Number.isNaN(spend) ? undefined : spend;
  }

  /** Points `slice` at the UTF-8 bytes of a text field, without decoding it; false when the customer has none. */
  textAt(field: 'customerId' | 'name' | 'segment', index: number, slice: Utf8Slice): boolean {
    if (field !== 'segment') return (field === 'customerId' ? this.#customerIds : this.#names).locate(index, slice);
    const bytes = this.#segmentBytes[(this.#segments[index] ?? 0) - 1] ?? NO_SEGMENT;
    return pointSlice(slice, bytes, 0, bytes.length);
  }

  /** A text field's column as shared memory, for a worker thread writing files from it. */
  sharedText(field: 'customerId' | 'name' | 'email' | 'phone'): SharedText {
    const columns = { customerId: this.#customerIds, name: this.#names, email: this.#emails, phone: this.#phones };
    return columns[field].shared();
  }

  #segmentNumber(segment: string): number {
    let number = this.#segmentNumbers.get(segment);
    if (number === undefined) {
      this.#segmentNames.push(segment);
      this.#segmentBytes.push(Buffer.from(segment, 'utf8'));
      number = this.#segmentNames.length;
      this.#segmentNumbers.set(segment, number);
    }
    return number;
  }

  #grow(): void {
    const capacity = this.#lines.length * 2;
    this.#lines = grown(this.#lines, capacity);
    this.#spends = grown(this.#spends, capacity);
    this.#segments = grown(this.#segments, capacity);
  }
}

const NO_SEGMENT = Buffer.alloc(0);

/**
 * Customer id → row, as an open-addressing hash table in typed arrays. A Map of a million
 * strings is rehashed entry by entry as it grows and traced by every full collection; here a
 * lookup of a new id (nearly every row of a file) compares stored hashes only and never
 * decodes a stored id.
 */
class CustomerIdIndex {
  /** 1 + the row of each slot; 0 for an empty slot. */
  #slots = new Uint32Array(2048);
  #hashes = new Uint32Array(1024);
  #size = 0;

  /** `idAt` decodes a stored id, which happens only when its hash matches. */
  find(customerId: string, idAt: (row: number) => string | undefined): number | undefined {
    const hash = fnv1a(customerId);
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.#slots[slot] ?? 0;
      if (stored === 0) return undefined;
      const row = stored - 1;
      if (this.#hashes[row] === hash && idAt(row) === customerId) return row;
    }
  }

  /** Adds a customer id known to be absent, at the given row (rows come in order 0, 1, 2…). */
  add(customerId: string, row: number): void {
    if (row >= this.#hashes.length) this.#hashes = grown(this.#hashes, this.#hashes.length * 2);
    this.#hashes[row] = fnv1a(customerId);
    this.#size = row + 1;
    // At most half full, so a probe for a new id ends at an empty slot after a step or two.
    if (this.#size * 2 <= this.#slots.length) {
      this.#place(row);
      return;
    }
    this.#slots = new Uint32Array(this.#slots.length * 2);
    for (let placed = 0; placed < this.#size; placed++) this.#place(placed);
  }

  #place(row: number): void {
    const mask = this.#slots.length - 1;
    let slot = (this.#hashes[row] ?? 0) & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = row + 1;
  }
}
