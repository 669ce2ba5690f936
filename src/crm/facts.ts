import type { z } from 'zod';
import type { reactivationSchema, tierSchema } from '../config/schemas/project.ts';
import { tierFor } from '../gifts/rules.ts';
import { mechanicFor } from '../mechanics/registry.ts';
import type { FunnelStep } from '../mechanics/types.ts';
import { calendarWindowEnd, dayInZone, instantOf } from '../config/dates.ts';
import { isLinkTally } from '../storage/link-summary.ts';
import type { LinkRecord, LinkTally, NamedLinks, OrderRecord, PlayRecord, Storage, TrackedEvent } from '../storage/types.ts';

/**
 * One pass over a project's links, events, plays and orders, reduced to a few facts per customer
 * link (typed arrays, so 1 000 000 links stay within tens of megabytes) plus project-wide
 * counters. The report and the customer status export are both views of these facts.
 */

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const LINK_PREFIX = 'link:';
const ANON_PREFIX = 'anon:';

type Reactivation = z.output<typeof reactivationSchema>;
type Tier = z.output<typeof tierSchema>;

/** What the facts need of a project; a LoadedProject satisfies it. */
export interface FactsProject {
  slug: string;
  config: {
    kind: string;
    reactivation: Reactivation;
    tiers: readonly Tier[];
    schedule: { timezone: string };
  };
}

/** Per-day counts in the project's time zone. */
export interface DayCounts {
  visits: number;
  completions: number;
  reactivations: number;
}

export class CustomerFacts {
  /** Rows read; the arrays may be longer when links were removed between count and scan. */
  size = 0;
  /**
   * How many links a row stands for: 1 for a link read whole; more for a tally of links nothing
   * happened to (collectSummaryFacts), whose customer id is '' and whose times are all NaN.
   */
  weight!: Uint32Array;
  readonly customerIds: string[] = [];
  isControl!: Uint8Array;
  /** Index into `segments` ('' = no segment). */
  segmentIndex!: Uint32Array;
  readonly segments: string[] = [];
  /** Index into `tiers`; 0 means no tier (spend unknown or outside every tier). */
  tierIndex!: Uint32Array;
  readonly tiers: string[] = [''];
  /** Index into `arms`; 0 means no A/B arm (control links, projects without arms). */
  armIndex!: Uint8Array;
  readonly arms: string[] = [''];
  /** Start of the send-based window, the same rule for both groups (ms). */
  sentAt!: Float64Array;
  /** ms, NaN when it never happened. */
  firstVisitAt!: Float64Array;
  startedAt!: Float64Array;
  completedAt!: Float64Array;
  /**
   * Intent to treat: the first qualifying order (or start) inside the send-based window, for
   * target and control alike, visit or not. The lift and the headline count this.
   */
  reactivatedAt!: Float64Array;
  /**
   * Attributed to the game: the first qualifying order (or start) after the customer's first
   * visit, inside the attribution window (`from`). Correlation, not cause: shown apart.
   */
  attributedAt!: Float64Array;
  giftOpened!: Uint8Array;
  shared!: Uint8Array;
  /** The mechanic's funnel steps between started and completed, with how many target links passed each. */
  readonly steps: { id: string; label: string; passed: number }[] = [];
  readonly daily = new Map<string, DayCounts>();
  readonly shareClicks = new Map<string, number>();
  sharesCreated = 0;
  sharePageVisits = 0;
  /** The viral loop: plays started from a share page, and how many of them were completed. */
  readonly fromShares = { started: 0, completed: 0 };
  readonly anonymous = { visited: 0, started: 0, completed: 0 };
  readonly orders = { total: 0, unknownCustomer: 0, qualifying: 0 };

  /** Days by quarter hour: local midnight falls on one in every zone, so a day is one zone lookup per quarter hour. */
  readonly #dayByQuarterHour = new Map<number, DayCounts>();

  constructor(size: number) {
    this.allocate(size);
  }

  /** Room for `size` rows, all empty: before the first row is written. */
  allocate(size: number): void {
    this.size = size;
    this.weight = new Uint32Array(size).fill(1);
    this.isControl = new Uint8Array(size);
    this.segmentIndex = new Uint32Array(size);
    this.tierIndex = new Uint32Array(size);
    this.armIndex = new Uint8Array(size);
    this.sentAt = new Float64Array(size);
    this.firstVisitAt = new Float64Array(size).fill(Number.NaN);
    this.startedAt = new Float64Array(size).fill(Number.NaN);
    this.completedAt = new Float64Array(size).fill(Number.NaN);
    this.reactivatedAt = new Float64Array(size).fill(Number.NaN);
    this.attributedAt = new Float64Array(size).fill(Number.NaN);
    this.giftOpened = new Uint8Array(size);
    this.shared = new Uint8Array(size);
  }

  dayCounts(instantMs: number, timeZone: string): DayCounts {
    const quarterHour = Math.floor(instantMs / QUARTER_HOUR_MS);
    const known = this.#dayByQuarterHour.get(quarterHour);
    if (known) return known;
    const day = dayInZone(instantMs, timeZone);
    let counts = this.daily.get(day);
    if (!counts) {
      counts = { visits: 0, completions: 0, reactivations: 0 };
      this.daily.set(day, counts);
    }
    this.#dayByQuarterHour.set(quarterHour, counts);
    return counts;
  }
}

/**
 * Reads everything stored for the project up to `now` (later records are ignored). Events,
 * plays and orders are gathered first, per player and per customer: they concern the few
 * customers who came, so the pass over a million links then only looks each one up in small
 * maps instead of indexing every token and customer id.
 */
export async function collectFacts(options: FactsOptions): Promise<CustomerFacts> {
  const collector = await collectorOfActivity(options);
  for await (const link of options.storage.links.scan(options.project.slug)) collector.addLink(link);
  return collector.finish();
}

/**
 * The same facts for counting rather than listing customers: links that no event, play or order
 * names come from storage as tallies (LinkStore.summarize: a GROUP BY in PostgreSQL), one row
 * per tally with its count as weight, so a million links with a tenth visiting make a tenth as
 * many rows.
 */
export async function collectSummaryFacts(options: FactsOptions): Promise<CustomerFacts> {
  const collector = await collectorOfActivity(options, 0);
  // As many items as customers with activity (already held above) plus a few tallies: sized once they are in.
  const items: (LinkRecord | LinkTally)[] = [];
  for await (const item of options.storage.links.summarize(options.project.slug, collector.namedLinks())) items.push(item);
  collector.allocate(items.length);
  for (const item of items) {
    if (isLinkTally(item)) collector.addTally(item);
    else collector.addLink(item);
  }
  return collector.finish();
}

interface FactsOptions {
  project: FactsProject;
  storage: Pick<Storage, 'links' | 'events' | 'plays' | 'orders'>;
  now: Date;
}

/** A collector of everything but the links, with room for `linkCount` of them (read now when absent). */
async function collectorOfActivity({ project, storage, now }: FactsOptions, linkCount?: number): Promise<FactsCollector> {
  const collector = new FactsCollector(project, now.getTime(), linkCount ?? (await storage.links.count(project.slug)));
  for await (const event of storage.events.scan(project.slug)) collector.addEvent(event);
  for await (const play of storage.plays.scan(project.slug)) collector.addPlay(play);
  for await (const order of storage.orders.scan(project.slug)) collector.addOrder(order);
  return collector;
}

/** What the events and the play of one personal link say, until its link is read. */
interface PlayerFacts {
  /** ms, NaN when it never happened. */
  firstVisitAt: number;
  startedAt: number;
  completedAt: number;
  giftOpened: boolean;
  shared: boolean;
  /** The funnel steps its play passed, when the play started by now. */
  passedSteps?: boolean[];
}

/** An order up to now, until its customer's link is read. */
interface PendingOrder {
  at: number;
  amount: number;
}

class FactsCollector {
  readonly #project: FactsProject;
  readonly #timeZone: string;
  readonly #nowMs: number;
  readonly #facts: CustomerFacts;
  /** By the token of the player key `link:<token>`, which is how a link finds them. */
  readonly #players = new Map<string, PlayerFacts>();
  readonly #orders = new Map<string, PendingOrder[]>();
  #ordersOfLinks = 0;
  readonly #segmentIndex = new Map<string, number>();
  readonly #tierIndex = new Map<string, number>();
  readonly #armIndex = new Map<string, number>();
  readonly #configuredSentAt: number | undefined;
  readonly #stepTests: FunnelStep<unknown>[];
  readonly #anonymousVisitors = new Set<string>();
  /**
   * Window ends by the quarter hour of their start: a window's end depends only on the local day
   * it opens, and local midnight falls on a quarter hour in every zone, so a million links and
   * every visitor of a month share a few thousand lookups of the zone's calendar.
   */
  readonly #windowEnds = new Map<number, number>();
  #links = 0;

  constructor(project: FactsProject, nowMs: number, linkCount: number) {
    this.#project = project;
    this.#timeZone = project.config.schedule.timezone;
    this.#nowMs = nowMs;
    this.#facts = new CustomerFacts(linkCount);
    const { sentAt } = project.config.reactivation;
    this.#configuredSentAt = sentAt === undefined ? undefined : instantOf(sentAt, this.#timeZone, 'start').getTime();
    this.#stepTests = funnelStepsOf(project.config);
    for (const step of this.#stepTests) this.#facts.steps.push({ id: step.id, label: step.label, passed: 0 });
  }

  addEvent(event: TrackedEvent): void {
    const at = Date.parse(event.at);
    if (!(at <= this.#nowMs)) return;
    const facts = this.#facts;
    const player = this.#playerFacts(event.player);
    switch (event.type) {
      case 'visit':
        facts.dayCounts(at, this.#timeZone).visits++;
        if (player) player.firstVisitAt = earliest(player.firstVisitAt, at);
        else if (event.player.startsWith(ANON_PREFIX)) this.#anonymousVisitors.add(event.player);
        break;
      case 'start':
        if (player) player.startedAt = earliest(player.startedAt, at);
        break;
      case 'complete':
        facts.dayCounts(at, this.#timeZone).completions++;
        if (player) player.completedAt = earliest(player.completedAt, at);
        break;
      case 'gift-open':
        if (player) player.giftOpened = true;
        break;
      case 'share-create':
        facts.sharesCreated++;
        if (player) player.shared = true;
        break;
      case 'share-click': {
        const network = String(event.data?.network ?? 'unknown');
        facts.shareClicks.set(network, (facts.shareClicks.get(network) ?? 0) + 1);
        if (player) player.shared = true;
        break;
      }
      case 'share-visit':
        facts.sharePageVisits++;
        break;
      case 'answer':
        break;
    }
  }

  /** Plays are the authority on start and completion; events may lag or be lost on a crash. */
  addPlay(play: PlayRecord): void {
    const started = play.startedAt === undefined ? Number.NaN : Date.parse(play.startedAt);
    const completed = play.completedAt === undefined ? Number.NaN : Date.parse(play.completedAt);
    if (play.referredBy !== undefined) this.#countReferral(started, completed);
    const player = this.#playerFacts(play.player);
    if (!player) {
      if (!play.player.startsWith(ANON_PREFIX)) return;
      if (started <= this.#nowMs) this.#facts.anonymous.started++;
      if (completed <= this.#nowMs) this.#facts.anonymous.completed++;
      return;
    }
    if (started <= this.#nowMs) player.startedAt = earliest(player.startedAt, started);
    if (completed <= this.#nowMs) player.completedAt = earliest(player.completedAt, completed);
    if (started <= this.#nowMs) player.passedSteps = this.#stepTests.map((step) => step.passed(play.state));
  }

  addOrder(order: OrderRecord): void {
    const at = Date.parse(order.orderedAt);
    if (!(at <= this.#nowMs)) return;
    this.#facts.orders.total++;
    const orders = this.#orders.get(order.customerId);
    if (orders) orders.push({ at, amount: order.amount });
    else this.#orders.set(order.customerId, [{ at, amount: order.amount }]);
  }

  /** Call after every event, play and order: a link takes what they said about its customer. */
  addLink(link: LinkRecord): void {
    // A link added after `count` was read (a concurrent import) waits for the next report.
    if (this.#links >= this.#facts.size) return;
    const index = this.#links++;
    const facts = this.#facts;
    facts.customerIds.push(link.customerId);
    facts.isControl[index] = link.group === 'control' ? 1 : 0;
    facts.segmentIndex[index] = indexOf(this.#segmentIndex, facts.segments, link.segment ?? '');
    const tier = tierFor(this.#project.config.tiers, link.spend)?.name;
    facts.tierIndex[index] = tier === undefined ? 0 : indexOf(this.#tierIndex, facts.tiers, tier);
    facts.armIndex[index] = link.arm === undefined ? 0 : indexOf(this.#armIndex, facts.arms, link.arm);
    facts.sentAt[index] = this.#configuredSentAt ?? Date.parse(link.importedAt);
    if (this.#players.size > 0) this.#takePlayer(index, this.#players.get(link.token));
    const orders = this.#orders.get(link.customerId);
    if (orders) this.#attributeOrders(index, orders);
  }

  allocate(rows: number): void {
    this.#facts.allocate(rows);
  }

  /** The links events, plays and orders spoke of, which must be read whole; the rest may be tallied by tier. */
  namedLinks(): NamedLinks {
    return { tokens: new Set(this.#players.keys()), customerIds: new Set(this.#orders.keys()), spendBounds: this.#spendBounds };
  }

  /** Links nothing happened to, counted: one row, weighing as many links. */
  addTally(tally: LinkTally): void {
    if (this.#links >= this.#facts.size) return;
    const index = this.#links++;
    const facts = this.#facts;
    facts.weight[index] = tally.count;
    facts.customerIds.push('');
    facts.isControl[index] = tally.group === 'control' ? 1 : 0;
    facts.segmentIndex[index] = indexOf(this.#segmentIndex, facts.segments, tally.segment ?? '');
    const tier = tally.spendBand === undefined ? undefined : tierFor(this.#project.config.tiers, this.#spendInBand(tally.spendBand))?.name;
    facts.tierIndex[index] = tier === undefined ? 0 : indexOf(this.#tierIndex, facts.tiers, tier);
    facts.armIndex[index] = tally.arm === undefined ? 0 : indexOf(this.#armIndex, facts.arms, tally.arm);
    facts.sentAt[index] = Number.NaN;
  }

  finish(): CustomerFacts {
    const facts = this.#facts;
    facts.size = this.#links;
    facts.anonymous.visited = this.#anonymousVisitors.size;
    facts.orders.unknownCustomer = facts.orders.total - this.#ordersOfLinks;
    const reactivation = this.#project.config.reactivation;
    if (reactivation.counts === 'participation') this.#attributeParticipation();
    for (let index = 0; index < facts.size; index++) {
      const at = facts.reactivatedAt[index] ?? Number.NaN;
      if (facts.isControl[index] === 0 && !Number.isNaN(at)) facts.dayCounts(at, this.#timeZone).reactivations++;
    }
    return facts;
  }

  /** Every tier's edges, so that within a band between two of them every spend falls in the same tier. */
  get #spendBounds(): number[] {
    const edges = this.#project.config.tiers.flatMap((tier) =>
      tier.maxSpend === undefined ? [tier.minSpend] : [tier.minSpend, tier.maxSpend],
    );
    return [...new Set(edges)].sort((a, b) => a - b);
  }

  /** A spend inside `band` (see LinkTally.spendBand): its lower bound, or below the lowest. */
  #spendInBand(band: number): number {
    const bounds = this.#spendBounds;
    return band === 0 ? (bounds[0] ?? 0) - 1 : (bounds[band - 1] ?? Number.NaN);
  }

  /** The facts gathered for a personal link's player; undefined for an anonymous one. */
  #playerFacts(player: string): PlayerFacts | undefined {
    if (!player.startsWith(LINK_PREFIX)) return undefined;
    const token = player.slice(LINK_PREFIX.length);
    let facts = this.#players.get(token);
    if (!facts) {
      facts = { firstVisitAt: Number.NaN, startedAt: Number.NaN, completedAt: Number.NaN, giftOpened: false, shared: false };
      this.#players.set(token, facts);
    }
    return facts;
  }

  #takePlayer(index: number, player: PlayerFacts | undefined): void {
    if (!player) return;
    const facts = this.#facts;
    facts.firstVisitAt[index] = player.firstVisitAt;
    facts.startedAt[index] = player.startedAt;
    facts.completedAt[index] = player.completedAt;
    facts.giftOpened[index] = player.giftOpened ? 1 : 0;
    facts.shared[index] = player.shared ? 1 : 0;
    if (facts.isControl[index] === 1) return;
    player.passedSteps?.forEach((passed, step) => {
      const counter = facts.steps[step];
      if (counter && passed) counter.passed++;
    });
  }

  #countReferral(started: number, completed: number): void {
    if (started <= this.#nowMs) this.#facts.fromShares.started++;
    if (completed <= this.#nowMs) this.#facts.fromShares.completed++;
  }

  #attributeOrders(index: number, orders: readonly PendingOrder[]): void {
    const facts = this.#facts;
    const reactivation = this.#project.config.reactivation;
    this.#ordersOfLinks += orders.length;
    for (const { at, amount } of orders) {
      if (amount <= 0) continue;
      if (this.#inSendWindow(index, at)) {
        facts.orders.qualifying++;
        if (reactivation.counts === 'purchase') facts.reactivatedAt[index] = earliest(facts.reactivatedAt[index], at);
      }
      if (reactivation.counts === 'purchase' && this.#inAttributionWindow(index, at)) {
        facts.attributedAt[index] = earliest(facts.attributedAt[index], at);
      }
    }
  }

  #attributeParticipation(): void {
    const facts = this.#facts;
    for (let index = 0; index < facts.size; index++) {
      const started = facts.startedAt[index] ?? Number.NaN;
      if (this.#inSendWindow(index, started)) facts.reactivatedAt[index] = started;
      if (this.#inAttributionWindow(index, started)) facts.attributedAt[index] = started;
    }
  }

  /**
   * Intent to treat: the window opens at the send date for every customer, mailed or held out,
   * visitor or not, and runs `windowDays` calendar days of the project's time zone (see
   * calendarWindowEnd): with a send date of 2020-12-14 and 30 days, orders through 2021-01-12
   * 23:59:59 Moscow time count. A visitor's window never starts later than a control
   * customer's, so the two groups are compared over the same days.
   */
  #inSendWindow(index: number, at: number): boolean {
    const start = this.#facts.sentAt[index] ?? Number.NaN;
    return at >= start && at < this.#windowEnd(start);
  }

  /**
   * Attributed to the game: after the customer's first visit, and inside the send-based window
   * or, with `from: first-visit`, inside `windowDays` calendar days from that visit.
   */
  #inAttributionWindow(index: number, at: number): boolean {
    const facts = this.#facts;
    const firstVisit = facts.firstVisitAt[index] ?? Number.NaN;
    if (facts.isControl[index] === 1 || !(at >= firstVisit)) return false;
    if (this.#project.config.reactivation.from === 'first-visit') return at < this.#windowEnd(firstVisit);
    return this.#inSendWindow(index, at);
  }

  #windowEnd(start: number): number {
    const quarterHour = Math.floor(start / QUARTER_HOUR_MS);
    let end = this.#windowEnds.get(quarterHour);
    if (end === undefined) {
      end = Number.isNaN(start) ? Number.NaN : calendarWindowEnd(start, this.#project.config.reactivation.windowDays, this.#timeZone);
      this.#windowEnds.set(quarterHour, end);
    }
    return end;
  }
}

function funnelStepsOf(config: FactsProject['config']): FunnelStep<unknown>[] {
  const mechanic = mechanicFor(config.kind);
  if (!mechanic) return [];
  // The registry pairs each kind with its mechanic, so the config is the mechanic's own kind.
  return (mechanic.funnelSteps as (config: unknown) => FunnelStep<unknown>[])(config);
}

function indexOf(indexes: Map<string, number>, names: string[], name: string): number {
  let index = indexes.get(name);
  if (index === undefined) {
    index = names.length;
    names.push(name);
    indexes.set(name, index);
  }
  return index;
}

function earliest(current: number | undefined, candidate: number): number {
  if (current === undefined || Number.isNaN(current)) return candidate;
  return Number.isNaN(candidate) ? current : Math.min(current, candidate);
}
