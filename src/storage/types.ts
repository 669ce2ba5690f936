import type { Utf8Slice } from '../lib/utf8-slice.ts';

/**
 * The storage contract. Everything the app persists goes through these few methods, so the
 * embedded store (lowdb link shards + an append-only log, src/storage/local/) and a memory store
 * for tests can be swapped, and a PostgreSQL store can later serve several stateless app
 * instances. No module outside src/storage imports lowdb or touches data files.
 *
 * Durability rule: when a method that writes resolves, the write is on disk (fsync'd). A crash
 * (`kill -9`) after that loses nothing; a crash before it may lose that write but never corrupts
 * what was stored earlier.
 */
export interface Storage {
  links: LinkStore;
  plays: PlayStore;
  events: EventStore;
  promo: PromoStore;
  shares: ShareStore;
  orders: OrderStore;
  /** Flushes pending writes and releases files. */
  close(): Promise<void>;
}

/** Which half of an import a customer falls in (control customers are never mailed). */
export type AudienceGroup = 'target' | 'control';

/** One customer's personal link. Email and phone are never stored: they only pass through the import. */
export interface LinkRecord {
  project: string;
  /** nanoid, ≥ 96 bits; the `c` in `/<project>?c=<token>`. */
  token: string;
  customerId: string;
  name?: string;
  segment?: string;
  /** Total spend in the shop's currency, used for spend tiers. */
  spend?: number;
  group: AudienceGroup;
  /** The A/B arm (a `variants[].id`) of a target link in a project with arms; never set on control links. */
  arm?: string;
  /** ISO time of the import that created the link. */
  importedAt: string;
}

/** What a later customer file may correct in a customer's link; a field left out is kept. */
export interface LinkDetails {
  customerId: string;
  name?: string;
  segment?: string;
  spend?: number;
}

/** The links of one segment, and how many of them are in the control group. */
export interface SegmentLinks {
  total: number;
  control: number;
  /** Target links per A/B arm, in projects with arms (absent before the first arm). */
  arms?: Record<string, number>;
}

/** Customer ids read by position, so a million-customer import need not build an array of them. */
export interface CustomerIds {
  readonly size: number;
  customerIdAt(index: number): string;
}

/** The text fields of a link, which a LinkBatch hands out as UTF-8. */
export type LinkTextField = 'token' | 'customerId' | 'name' | 'segment';

/**
 * Links to add, read by position and field. A million-customer import keeps its customers in
 * compact columns with text as UTF-8; a store can write them out from there, a shard at a
 * time, without a LinkRecord or a string per link (`linkRecordAt` in link-batch.ts builds a
 * record where a store needs one). Links of a batch belong to the project they are added to.
 */
export interface LinkBatch {
  readonly size: number;
  /** Points `slice` at the field's UTF-8 bytes; false, pointing at nothing, when the link has no such field. */
  textAt(field: LinkTextField, index: number, slice: Utf8Slice): boolean;
  groupAt(index: number): AudienceGroup;
  /** The link's A/B arm; a batch of a project without arms may leave this out. */
  armAt?(index: number): string | undefined;
  spendAt(index: number): number | undefined;
  importedAtOf(index: number): string;
}

export interface LinkStore {
  /**
   * Adds links, all or nothing: either every record is stored or none is. Records whose
   * customerId already has a link are skipped (the caller looks existing ones up first), and
   * of two records of one customer the first (lowest index) is kept.
   */
  add(project: string, links: readonly LinkRecord[] | LinkBatch): Promise<void>;
  /**
   * Replaces the name, segment and spend of existing links, all or nothing. The token, group and
   * import time stay, so a link and its results are the same before and after; segment counts
   * follow. Customer ids without a link are ignored.
   */
  updateDetails(project: string, details: readonly LinkDetails[]): Promise<void>;
  byToken(project: string, token: string): Promise<LinkRecord | undefined>;
  byCustomerId(project: string, customerId: string): Promise<LinkRecord | undefined>;
  /**
   * The links of many customers at once, for an import that must know which of its customers
   * already have one: calls `found` with the position of each customer id that has a link and
   * that link, in no particular order, once per position, before resolving. Reads each shard
   * once however many ids fall in it, and hands links over as it goes, so a million never
   * exist at once.
   */
  byCustomerIds(project: string, customerIds: CustomerIds, found: (index: number, link: LinkRecord) => void): Promise<void>;
  count(project: string): Promise<number>;
  /**
   * Links per segment as written in the customer file ('' for links without one), with how
   * many are in the control group: what the next import stratifies against, without a scan.
   */
  countsBySegment(project: string): Promise<Map<string, SegmentLinks>>;
  /** Every link of a project, in no particular order; memory stays flat for 1 000 000 links. */
  scan(project: string): AsyncIterable<LinkRecord>;
}

/**
 * A player is a personal link (`link:<token>`) or an anonymous browser (`anon:<id>`).
 * The key is opaque to storage.
 */
export type PlayerKey = string;

export interface PlayRecord {
  project: string;
  player: PlayerKey;
  /** The mechanic's state, JSON. */
  state: unknown;
  startedAt?: string;
  completedAt?: string;
  /** Share id this player arrived from, for viral attribution. */
  referredBy?: string;
  updatedAt: string;
}

export interface PlayStore {
  get(project: string, player: PlayerKey): Promise<PlayRecord | undefined>;
  /**
   * Atomic read-modify-write of one player's record: concurrent updates of the same player run
   * one after another. `change` may throw to refuse; then nothing is written and the error
   * propagates. Resolves with the stored record once it is durable.
   */
  update(
    project: string,
    player: PlayerKey,
    change: (current: PlayRecord | undefined) => PlayRecord,
  ): Promise<PlayRecord>;
  scan(project: string): AsyncIterable<PlayRecord>;
}

export type TrackedEventType =
  | 'visit'
  | 'start'
  | 'answer'
  | 'complete'
  | 'gift-open'
  | 'share-create'
  | 'share-click'
  | 'share-visit';

export interface TrackedEvent {
  project: string;
  type: TrackedEventType;
  /** ISO time. */
  at: string;
  player: PlayerKey;
  /** Small, event-specific facts: question index, share network, share id… never free text. */
  data?: Record<string, string | number | boolean>;
}

export interface EventStore {
  /** Resolves once the event is on disk; batches fsyncs across concurrent callers. */
  append(event: TrackedEvent): Promise<void>;
  scan(project: string): AsyncIterable<TrackedEvent>;
}

export interface PromoStore {
  /**
   * Gives `player` one code from `codes` (the pool's full list, in file order): the same code on
   * every repeat, never one code to two players, even under concurrent calls. Returns undefined
   * when every code is taken.
   */
  claim(project: string, pool: string, player: PlayerKey, codes: readonly string[]): Promise<string | undefined>;
  /** How many codes of the pool are taken. */
  taken(project: string, pool: string): Promise<number>;
}

export interface ShareRecord {
  /** Unguessable, unrelated to the player's token. */
  id: string;
  project: string;
  /** Who made it; never shown in a share URL or page. */
  player: PlayerKey;
  /** What the share image shows (title, text, score…), fixed at creation. */
  content: Record<string, unknown>;
  createdAt: string;
}

export interface ShareStore {
  create(share: ShareRecord): Promise<void>;
  get(id: string): Promise<ShareRecord | undefined>;
}

export interface OrderRecord {
  project: string;
  orderId: string;
  customerId: string;
  /** ISO time. */
  orderedAt: string;
  amount: number;
}

export interface OrderStore {
  /** Idempotent by orderId: returns how many were new. */
  add(project: string, orders: OrderRecord[]): Promise<{ added: number; duplicates: number }>;
  scan(project: string): AsyncIterable<OrderRecord>;
}
