import type { PromoCodeGift } from '../config/schemas/gift.ts';
import { loadPromoPool, type GiftProject } from '../gifts/index.ts';
import type { Storage } from '../storage/types.ts';
import { armsReport, type ArmsReport } from './arm-report.ts';
import { collectSummaryFacts, type CustomerFacts, type FactsProject } from './facts.ts';
import { estimateLift, type LiftEstimate } from './lift.ts';
import { detectionPlan, type DetectionPlan } from './plan.ts';
import { deltaShare, dropOff, formatDeltaPercent } from './stats.ts';

/** What the report needs of a project; a LoadedProject satisfies it. */
export interface ReportProject extends FactsProject, GiftProject {
  config: FactsProject['config'] & GiftProject['config'];
}

/** One half of the audience: the mailed target group or the held-out control group. */
export interface GroupStats {
  links: number;
  visited: number;
  started: number;
  completed: number;
  giftOpened: number;
  shared: number;
  /** Came back inside the send-based window, visit or not: intent to treat (see facts.ts). */
  reactivated: number;
  /** reactivated / links; 0 for an empty group. */
  reactivationRate: number;
  /** Came back after a visit, inside the attribution window: «attributed to the game». */
  attributed: number;
}

export interface FunnelStepReport {
  /** `links`, `visited`, `started`, the mechanic's step ids, `completed`, `gift`. */
  id: string;
  /** Dashboard label; the fixed steps are labelled by the dashboard in its own language. */
  label?: string;
  count: number;
  /** Share of the previous step lost here (0..1). */
  dropOff: number;
}

export interface DailyPoint {
  /** Calendar day in the project's time zone, `2020-12-14`. */
  day: string;
  /** Visit events of every player, personal and anonymous. */
  visits: number;
  /** Completions of every player. */
  completions: number;
  /** Target customers whose first qualifying order (or start) fell on this day. */
  reactivations: number;
}

export interface BreakdownRow {
  /** Segment or tier name; '' for customers without one. */
  key: string;
  target: number;
  control: number;
  visited: number;
  completed: number;
  reactivatedTarget: number;
  reactivatedControl: number;
  rateTarget: number;
  rateControl: number;
  /** The segment's or tier's own target-against-control lift, or why it is too early. */
  lift: LiftEstimate;
}

export interface PromoPoolReport {
  /** The pool file, relative to the project folder. */
  pool: string;
  /** Who draws from it: a gift rule's condition, or `{}` for the project's default gift. */
  usedBy: GiftAudience[];
  size: number;
  taken: number;
  remaining: number;
}

/** The condition of a gift rule; empty for everyone no rule matches. */
export interface GiftAudience {
  segment?: string;
  tier?: string;
  /** An A/B arm's own gift. */
  arm?: string;
}

export interface ProjectReport {
  project: string;
  generatedAt: string;
  window: {
    days: number;
    from: 'send' | 'first-visit';
    counts: 'purchase' | 'participation';
    /** The configured send date; without one each link's import time stands in. */
    sentAt?: string;
  };
  linksIssued: number;
  target: GroupStats;
  control: GroupStats;
  forecast: number;
  /** Reactivated customers of the target group. */
  fact: number;
  /** (fact − forecast) / forecast; undefined when the forecast is 0. */
  delta?: number;
  /** The delta as the seed writes it, e.g. «+35%». */
  deltaText?: string;
  /** Target against control over the same send-based window, with its interval or «too early». */
  lift: LiftEstimate;
  /** The smallest lift the control group can detect (80% power, α 5%); undefined without both groups. */
  plan?: DetectionPlan;
  funnel: FunnelStepReport[];
  daily: DailyPoint[];
  bySegment: BreakdownRow[];
  byTier: BreakdownRow[];
  /** A/B arms against the control group and against each other; empty lists without arms. */
  ab: ArmsReport;
  shares: {
    created: number;
    pageVisits: number;
    clicksByNetwork: Record<string, number>;
    /** Plays that started from a share page (the viral loop), and how many of those finished. */
    playsStarted: number;
    playsCompleted: number;
  };
  /** Players without a personal link: forwarded links and visitors from share pages. */
  anonymous: { visited: number; started: number; completed: number };
  orders: { total: number; qualifying: number; unknownCustomer: number };
  promoPools: PromoPoolReport[];
}

/**
 * Everything the dashboard shows for a project, computed from storage as of `now`: links and
 * groups, the funnel, fact against forecast, lift over the control group with its 95% interval
 * or «too early» (see lift.ts), the detection plan (plan.ts), daily series, segment and tier
 * breakdowns with their own lifts, sharing and promo codes left.
 */
export async function buildReport(options: { project: ReportProject; storage: Storage; now: Date }): Promise<ProjectReport> {
  const { project, storage, now } = options;
  const facts = await collectSummaryFacts({ project, storage, now });
  const target = groupStats(facts, 0);
  const control = groupStats(facts, 1);
  const { forecast, windowDays, from, counts, sentAt, baseRate } = project.config.reactivation;
  const delta = deltaShare(target.reactivated, forecast);
  return {
    project: project.slug,
    generatedAt: now.toISOString(),
    window: { days: windowDays, from, counts, sentAt },
    linksIssued: target.links + control.links,
    target,
    control,
    forecast,
    fact: target.reactivated,
    delta,
    deltaText: delta === undefined ? undefined : formatDeltaPercent(delta),
    lift: estimateLift({ reactivated: target.reactivated, size: target.links }, { reactivated: control.reactivated, size: control.links }),
    plan: detectionPlan({ forecast, baseRate, targetSize: target.links, controlSize: control.links }),
    funnel: funnelOf(facts, target),
    daily: [...facts.daily].sort(([a], [b]) => a.localeCompare(b)).map(([day, dayCounts]) => ({ day, ...dayCounts })),
    bySegment: breakdown(facts, facts.segmentIndex, facts.segments),
    byTier: breakdown(facts, facts.tierIndex, facts.tiers),
    ab: armsReport(facts, project.config.variants),
    shares: {
      created: facts.sharesCreated,
      pageVisits: facts.sharePageVisits,
      clicksByNetwork: Object.fromEntries(facts.shareClicks),
      playsStarted: facts.fromShares.started,
      playsCompleted: facts.fromShares.completed,
    },
    anonymous: { ...facts.anonymous },
    orders: { ...facts.orders },
    promoPools: await promoPools(project, storage),
  };
}

/** How far along the play a customer got; each depth includes every one before it. */
const PlayDepth = { None: 0, Visited: 1, Started: 2, Completed: 3, GiftOpened: 4 } as const;

function groupStats(facts: CustomerFacts, control: 0 | 1): GroupStats {
  const stats: GroupStats = {
    links: 0,
    visited: 0,
    started: 0,
    completed: 0,
    giftOpened: 0,
    shared: 0,
    reactivated: 0,
    reactivationRate: 0,
    attributed: 0,
  };
  for (let index = 0; index < facts.size; index++) {
    if (facts.isControl[index] !== control) continue;
    const weight = facts.weight[index] ?? 1;
    stats.links += weight;
    const reached = playDepth(facts, index);
    if (reached >= PlayDepth.Visited) stats.visited += weight;
    if (reached >= PlayDepth.Started) stats.started += weight;
    if (reached >= PlayDepth.Completed) stats.completed += weight;
    if (reached >= PlayDepth.GiftOpened) stats.giftOpened += weight;
    if (facts.shared[index] === 1) stats.shared += weight;
    if (happened(facts.reactivatedAt[index])) stats.reactivated += weight;
    if (happened(facts.attributedAt[index])) stats.attributed += weight;
  }
  stats.reactivationRate = stats.links > 0 ? stats.reactivated / stats.links : 0;
  return stats;
}

/**
 * The deepest step with any evidence. A later step proves the earlier ones: a player who started
 * visited even when their visit beacon never arrived (blocked, closed too fast), and a gift is
 * only handed out after completion. Counting by depth keeps every funnel monotone.
 */
function playDepth(facts: CustomerFacts, index: number): number {
  if (facts.giftOpened[index] === 1) return PlayDepth.GiftOpened;
  if (happened(facts.completedAt[index])) return PlayDepth.Completed;
  if (happened(facts.startedAt[index])) return PlayDepth.Started;
  if (happened(facts.firstVisitAt[index])) return PlayDepth.Visited;
  return PlayDepth.None;
}

/**
 * The target group's way from the mailed link through the play to the gift, each step a subset
 * of the one before (sharing and coming back are outcomes, not steps: a customer may buy without
 * ever opening the link). The mechanic's steps are held between started and completed.
 */
function funnelOf(facts: CustomerFacts, target: GroupStats): FunnelStepReport[] {
  let previous = target.started;
  const mechanicSteps = facts.steps.map((step) => {
    previous = Math.max(target.completed, Math.min(previous, step.passed));
    return { id: step.id, label: step.label, count: previous };
  });
  const steps: Omit<FunnelStepReport, 'dropOff'>[] = [
    { id: 'links', count: target.links },
    { id: 'visited', count: target.visited },
    { id: 'started', count: target.started },
    ...mechanicSteps,
    { id: 'completed', count: target.completed },
    { id: 'gift', count: target.giftOpened },
  ];
  return steps.map((step, index) => ({ ...step, dropOff: index === 0 ? 0 : dropOff(steps[index - 1]?.count ?? 0, step.count) }));
}

function breakdown(facts: CustomerFacts, keyIndex: Uint32Array, keys: readonly string[]): BreakdownRow[] {
  const rows = keys.map(
    (key): BreakdownRow => ({
      key,
      target: 0,
      control: 0,
      visited: 0,
      completed: 0,
      reactivatedTarget: 0,
      reactivatedControl: 0,
      rateTarget: 0,
      rateControl: 0,
      lift: { status: 'no-control' },
    }),
  );
  for (let index = 0; index < facts.size; index++) {
    const row = rows[keyIndex[index] ?? 0];
    if (!row) continue;
    const weight = facts.weight[index] ?? 1;
    const reactivated = happened(facts.reactivatedAt[index]);
    if (facts.isControl[index] === 1) {
      row.control += weight;
      if (reactivated) row.reactivatedControl += weight;
    } else {
      row.target += weight;
      if (reactivated) row.reactivatedTarget += weight;
    }
    const reached = playDepth(facts, index);
    if (reached >= PlayDepth.Visited) row.visited += weight;
    if (reached >= PlayDepth.Completed) row.completed += weight;
  }
  for (const row of rows) {
    row.rateTarget = row.target > 0 ? row.reactivatedTarget / row.target : 0;
    row.rateControl = row.control > 0 ? row.reactivatedControl / row.control : 0;
    row.lift = estimateLift(
      { reactivated: row.reactivatedTarget, size: row.target },
      { reactivated: row.reactivatedControl, size: row.control },
    );
  }
  return rows
    .filter((row) => row.target + row.control > 0)
    .sort((a, b) => b.target + b.control - (a.target + a.control) || a.key.localeCompare(b.key));
}

function happened(at: number | undefined): boolean {
  return at !== undefined && !Number.isNaN(at);
}

/**
 * Codes left in each promo-code pool the project's gifts use, counted as src/gifts reads the pool
 * (the storage key of a pool is the gift's `pool` path).
 */
export async function promoPools(project: GiftProject, storage: Storage): Promise<PromoPoolReport[]> {
  const pools = new Map<string, { gift: PromoCodeGift; usedBy: GiftAudience[] }>();
  const gifts = [
    ...project.config.giftRules.map((rule) => ({ gift: rule.gift, audience: { ...rule.when } })),
    ...(project.config.variants ?? []).flatMap((variant) => (variant.gift ? [{ gift: variant.gift, audience: { arm: variant.id } }] : [])),
    { gift: project.config.gift, audience: {} },
  ];
  for (const { gift, audience } of gifts) {
    if (gift.kind !== 'promo-code') continue;
    const pool = pools.get(gift.pool) ?? { gift, usedBy: [] };
    pool.usedBy.push(audience);
    pools.set(gift.pool, pool);
  }
  return Promise.all(
    [...pools.values()].map(async ({ gift, usedBy }) => {
      const size = (await loadPromoPool(project, gift)).codes.length;
      const taken = await storage.promo.taken(project.slug, gift.pool);
      return { pool: gift.pool, usedBy, size, taken, remaining: Math.max(0, size - taken) };
    }),
  );
}
