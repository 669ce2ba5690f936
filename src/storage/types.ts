/**
 * The storage contract. Everything the app persists goes through these few methods, so the
 * embedded store (lowdb link shards + an append-only log, src/storage/local/), a memory store
 * for tests and the PostgreSQL store (src/storage/postgres/, for several stateless app
 * instances) can be swapped. Nothing here is specific to one of them: each keeps its own
 * performance internals behind it. No module outside src/storage imports lowdb or a database driver.
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
  webhooks: WebhookOutboxStore;
  admin: AdminStore;
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

/** Links to add: an array, or records produced as they are read (a million need not exist at once). */
export type LinkSource = Iterable<LinkRecord> | AsyncIterable<LinkRecord>;

export interface LinkStore {
  /**
   * Adds links, all or nothing: either every record is stored or none is. Records whose
   * customerId already has a link are skipped (the caller looks existing ones up first), and
   * of two records of one customer the first (lowest index) is kept.
   */
  add(project: string, links: LinkSource): Promise<void>;
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
  /**
   * The links as a report needs them: each link whose token or customer id is `named` (the
   * customers events, plays or orders speak of) whole, every other one only counted in a
   * LinkTally, so a million links of whom a tenth came are a tenth as many items. Every link
   * is in exactly one item; items come in no particular order.
   */
  summarize(project: string, named: NamedLinks): AsyncIterable<LinkRecord | LinkTally>;
}

/** Which links `summarize` hands over whole, and the spend bounds it counts the others by. */
export interface NamedLinks {
  tokens: ReadonlySet<string>;
  customerIds: ReadonlySet<string>;
  /** Ascending spend bounds; a tally's spend band is how many of them its links' spend reaches. */
  spendBounds: readonly number[];
}

/** How many links not named share a group, a segment, a spend band and an A/B arm. */
export interface LinkTally {
  count: number;
  group: AudienceGroup;
  segment?: string;
  /** How many `spendBounds` the spend is at or above (0 … bounds.length); absent without a spend. */
  spendBand?: number;
  arm?: string;
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
  update(project: string, player: PlayerKey, change: (current: PlayRecord | undefined) => PlayRecord): Promise<PlayRecord>;
  scan(project: string): AsyncIterable<PlayRecord>;
}

export type TrackedEventType = 'visit' | 'start' | 'answer' | 'complete' | 'gift-open' | 'share-create' | 'share-click' | 'share-visit';

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
   * Makes `codes` (a pool's list, in file order) the codes `claim` hands out. Call it once per
   * pool before claiming (again after the file changed): codes already known keep their holder,
   * new ones are added after them. Nothing is lost when it runs twice or on two instances at once.
   */
  load(project: string, pool: string, codes: readonly string[]): Promise<void>;
  /**
   * Gives `player` one code of the loaded pool: the same code on every repeat, never one code
   * to two players, even under concurrent calls from several app instances. Returns undefined
   * when every code is taken (or the pool was never loaded).
   */
  claim(project: string, pool: string, player: PlayerKey): Promise<string | undefined>;
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

/**
 * A webhook delivery waiting in the outbox. The payload is the webhook module's (src/webhooks);
 * storage only needs its id. The secret is never stored, only the name of its variable.
 */
export interface OutboxDelivery {
  payload: { id: string };
  url: string;
  secretEnv: string;
  /** Attempts made so far. */
  attempts: number;
  /** ISO time of the next attempt; absent: due now. */
  retryAt?: string;
}

/** What happened to a delivery. It is pending from `queued` until `delivered` or `gave-up`. */
export type OutboxEntry =
  | { op: 'queued'; delivery: OutboxDelivery }
  | { op: 'retry'; id: string; attempts: number; result: string; retryAt: string }
  | { op: 'delivered'; id: string; attempts: number; status: number; at: string }
  | { op: 'gave-up'; id: string; attempts: number; result: string; at: string };

/**
 * One instance's webhook outbox. A delivery is recorded before its first attempt and its
 * result after, so a crash leads to a resend, never a loss; what an instance that stopped or
 * died left pending is adopted by exactly one other.
 */
export interface WebhookOutbox {
  /** Resolves once the entries are durable. */
  append(entries: readonly OutboxEntry[]): Promise<void>;
  /** Takes over deliveries no live instance holds (each goes to one instance only), skipping ids this one already has. */
  adoptAbandoned(isKnown: (id: string) => boolean): Promise<{ adopted: OutboxDelivery[]; unreadableLines: number }>;
  /** Bytes the outbox has grown to, for stores that compact; 0 for those that need not. */
  readonly size: number;
  /** Rewrites the outbox to just these pending deliveries (a store may do nothing). */
  compact(pending: readonly OutboxDelivery[]): Promise<void>;
  /** Waits for writes; `remove` when nothing is pending. What is pending stays for another instance to adopt. */
  close(options: { remove: boolean }): Promise<void>;
}

export interface WebhookOutboxStore {
  open(): Promise<WebhookOutbox>;
}

/**
 * What the admin sign-in shares across instances: failed attempts per client address (the
 * login limit) and sessions ended by sign-out. Times are epoch milliseconds.
 */
export interface AdminStore {
  /** Records a failed sign-in of `client` at `at`. */
  recordLoginFailure(client: string, at: number): Promise<void>;
  /** The client's failures after `since`, oldest first. */
  loginFailures(client: string, since: number): Promise<number[]>;
  /** Forgets the client's failures (after a successful sign-in). */
  clearLoginFailures(client: string): Promise<void>;
  /** Refuses `session` (the cookie value) on every instance until `until`, its own expiry. */
  revokeSession(session: string, until: number): Promise<void>;
  isSessionRevoked(session: string, now: number): Promise<boolean>;
}
