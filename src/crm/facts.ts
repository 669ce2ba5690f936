import type { z } from 'zod';
import type { reactivationSchema, tierSchema } from '../config/schemas/project.ts';
import { tierFor } from '../gifts/rules.ts';
import { mechanicFor } from '../mechanics/registry.ts';
import type { FunnelStep } from '../mechanics/types.ts';
import { dayInZone, instantOf } from '../config/dates.ts';
import type { LinkRecord, OrderRecord, PlayRecord, Storage, TrackedEvent } from '../storage/types.ts';
import { StringIndex } from '../lib/string-index.ts';

/**
 * One pass over a project's links, events, plays and orders, reduced to a few facts per customer
 * link (typed arrays, so 1 000 000 links stay within tens of megabytes) plus project-wide
 * counters. The report and the customer status export are both views of these facts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
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
  /** Links read; the arrays may be longer when links were removed between count and scan. */
  size: number;
  readonly customerIds: string[] = [];
  readonly isControl: Uint8Array;
  /** Index into `segments` ('' = no segment). */
  readonly segmentIndex: Uint32Array;
  readonly segments: string[] = [];
  /** Index into `tiers`; 0 means no tier (spend unknown or outside every tier). */
  readonly tierIndex: Uint32Array;
  readonly tiers: string[] = [''];
  /** Start of the attribution window when it runs from the send date (ms). */
  readonly sentAt: Float64Array;
  /** ms, NaN when it never happened. */
  readonly firstVisitAt: Float64Array;
  readonly startedAt: Float64Array;
  readonly completedAt: Float64Array;
  readonly reactivatedAt: Float64Array;
  readonly giftOpened: Uint8Array;
  readonly shared: Uint8Array;
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

  constructor(size: number) {
    this.size = size;
    this.isControl = new Uint8Array(size);
    this.segmentIndex = new Uint32Array(size);
    this.tierIndex = new Uint32Array(size);
    this.sentAt = new Float64Array(size);
    this.firstVisitAt = new Float64Array(size).fill(Number.NaN);
    this.startedAt = new Float64Array(size).fill(Number.NaN);
    this.completedAt = new Float64Array(size).fill(Number.NaN);
    this.reactivatedAt = new Float64Array(size).fill(Number.NaN);
    this.giftOpened = new Uint8Array(size);
    this.shared = new Uint8Array(size);
  }

  dayCounts(instantMs: number, timeZone: string): DayCounts {
    const day = dayInZone(instantMs, timeZone);
    let counts = this.daily.get(day);
    if (!counts) {
      counts = { visits: 0, completions: 0, reactivations: 0 };
      this.daily.set(day, counts);
    }
    return counts;
  }
}

/** Reads everything stored for the project up to `now` (later records are ignored). */
export async function collectFacts(options: {
  project: FactsProject;
  storage: Pick<Storage, 'links' | 'events' | 'plays' | 'orders'>;
  now: Date;
}): Promise<CustomerFacts> {
  const { project, storage, now } = options;
  const collector = new FactsCollector(project, now.getTime(), await storage.links.count(project.slug));
  for await (const link of storage.links.scan(project.slug)) collector.addLink(link);
  for await (const event of storage.events.scan(project.slug)) collector.addEvent(event);
  for await (const play of storage.plays.scan(project.slug)) collector.addPlay(play);
  for await (const order of storage.orders.scan(project.slug)) collector.addOrder(order);
  return collector.finish();
}

class FactsCollector {
  readonly #project: FactsProject;
  readonly #timeZone: string;
  readonly #nowMs: number;
  readonly #facts: CustomerFacts;
  readonly #byToken = new StringIndex();
  readonly #byCustomer = new StringIndex();
  readonly #segmentIndex = new Map<string, number>();
  readonly #tierIndex = new Map<string, number>();
  readonly #configuredSentAt: number | undefined;
  readonly #stepTests: FunnelStep<unknown>[];
  readonly #anonymousVisitors = new Set<string>();
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

  addLink(link: LinkRecord): void {
    // A link added after `count` was read (a concurrent import) waits for the next report.
    if (this.#links >= this.#facts.size) return;
    const index = this.#links++;
    const facts = this.#facts;
    this.#byToken.set(link.token, index);
    this.#byCustomer.set(link.customerId, index);
    facts.customerIds.push(link.customerId);
    facts.isControl[index] = link.group === 'control' ? 1 : 0;
    facts.segmentIndex[index] = indexOf(this.#segmentIndex, facts.segments, link.segment ?? '');
    const tier = tierFor(this.#project.config.tiers, link.spend)?.name;
    facts.tierIndex[index] = tier === undefined ? 0 : indexOf(this.#tierIndex, facts.tiers, tier);
    facts.sentAt[index] = this.#configuredSentAt ?? Date.parse(link.importedAt);
  }

  addEvent(event: TrackedEvent): void {
    const at = Date.parse(event.at);
    if (!(at <= this.#nowMs)) return;
    const facts = this.#facts;
    const index = this.#linkIndex(event.player);
    switch (event.type) {
      case 'visit':
        facts.dayCounts(at, this.#timeZone).visits++;
        if (index !== undefined) facts.firstVisitAt[index] = earliest(facts.firstVisitAt[index], at);
        else if (event.player.startsWith(ANON_PREFIX)) this.#anonymousVisitors.add(event.player);
        break;
      case 'start':
        if (index !== undefined) facts.startedAt[index] = earliest(facts.startedAt[index], at);
        break;
      case 'complete':
        facts.dayCounts(at, this.#timeZone).completions++;
        if (index !== undefined) facts.completedAt[index] = earliest(facts.completedAt[index], at);
        break;
      case 'gift-open':
        if (index !== undefined) facts.giftOpened[index] = 1;
        break;
      case 'share-create':
        facts.sharesCreated++;
        if (index !== undefined) facts.shared[index] = 1;
        break;
      case 'share-click': {
        const network = String(event.data?.network ?? 'unknown');
        facts.shareClicks.set(network, (facts.shareClicks.get(network) ?? 0) + 1);
        if (index !== undefined) facts.shared[index] = 1;
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
    const index = this.#linkIndex(play.player);
    const started = play.startedAt === undefined ? Number.NaN : Date.parse(play.startedAt);
    const completed = play.completedAt === undefined ? Number.NaN : Date.parse(play.completedAt);
    if (play.referredBy !== undefined) this.#countReferral(started, completed);
    if (index === undefined) {
      if (!play.player.startsWith(ANON_PREFIX)) return;
      if (started <= this.#nowMs) this.#facts.anonymous.started++;
      if (completed <= this.#nowMs) this.#facts.anonymous.completed++;
      return;
    }
    const facts = this.#facts;
    if (started <= this.#nowMs) facts.startedAt[index] = earliest(facts.startedAt[index], started);
    if (completed <= this.#nowMs) facts.completedAt[index] = earliest(facts.completedAt[index], completed);
    if (facts.isControl[index] === 1 || !(started <= this.#nowMs)) return;
    this.#stepTests.forEach((step, stepIndex) => {
      const counter = facts.steps[stepIndex];
      if (counter && step.passed(play.state)) counter.passed++;
    });
  }

  #countReferral(started: number, completed: number): void {
    if (started <= this.#nowMs) this.#facts.fromShares.started++;
    if (completed <= this.#nowMs) this.#facts.fromShares.completed++;
  }

  /** Call after every event and play: a window may start at the customer's first visit. */
  addOrder(order: OrderRecord): void {
    if (!(Date.parse(order.orderedAt) <= this.#nowMs)) return;
    this.#attributeOrder(order, this.#project.config.reactivation);
  }

  finish(): CustomerFacts {
    const facts = this.#facts;
    facts.size = this.#links;
    facts.anonymous.visited = this.#anonymousVisitors.size;
    const reactivation = this.#project.config.reactivation;
    if (reactivation.counts === 'participation') this.#attributeParticipation(reactivation);
    for (let index = 0; index < facts.size; index++) {
      const at = facts.reactivatedAt[index] ?? Number.NaN;
      if (facts.isControl[index] === 0 && !Number.isNaN(at)) facts.dayCounts(at, this.#timeZone).reactivations++;
    }
    return facts;
  }

  #attributeOrder(order: OrderRecord, reactivation: Reactivation): void {
    const facts = this.#facts;
    facts.orders.total++;
    const index = this.#byCustomer.get(order.customerId);
    if (index === undefined) {
      facts.orders.unknownCustomer++;
      return;
    }
    const at = Date.parse(order.orderedAt);
    if (order.amount <= 0 || !this.#inWindow(index, at, reactivation)) return;
    facts.orders.qualifying++;
    if (reactivation.counts === 'purchase') facts.reactivatedAt[index] = earliest(facts.reactivatedAt[index], at);
  }

  #attributeParticipation(reactivation: Reactivation): void {
    const facts = this.#facts;
    for (let index = 0; index < facts.size; index++) {
      const started = facts.startedAt[index] ?? Number.NaN;
      if (this.#inWindow(index, started, reactivation)) facts.reactivatedAt[index] = started;
    }
  }

  /**
   * The window is [start, start + windowDays × 24 h): with a send date of 2020-12-14 and 30 days,
   * orders through 2021-01-12 23:59:59 count. It starts at the customer's first visit when the
   * project says so and the customer visited; otherwise (control customers, who are never mailed,
   * and target customers who never came) at the send date, so both groups are measured alike.
   */
  #inWindow(index: number, at: number, reactivation: Reactivation): boolean {
    const facts = this.#facts;
    const firstVisit = facts.firstVisitAt[index] ?? Number.NaN;
    const start =
      reactivation.from === 'first-visit' && !Number.isNaN(firstVisit) ? firstVisit : (facts.sentAt[index] ?? Number.NaN);
    return at >= start && at < start + reactivation.windowDays * DAY_MS;
  }

  #linkIndex(player: string): number | undefined {
    return player.startsWith(LINK_PREFIX) ? this.#byToken.get(player.slice(LINK_PREFIX.length)) : undefined;
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
