import type { DailyPoint, FunnelStepReport } from '../crm/report.ts';
import { SHARE_NETWORKS } from '../share/networks.ts';
import type { FunnelBarStep } from './charts/types.ts';
import type { AdminStrings } from './strings.ts';

/**
 * Turns the CRM report into what the dashboard draws: labelled funnel steps, a daily series
 * without gaps, readable network names.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** A chart of years of days would be unreadable and heavy; the table keeps every day anyway. */
const MAX_CHART_DAYS = 366;

/** Every calendar day from the first to the last point, with zeros where nothing happened. */
export function continuousDays(points: readonly DailyPoint[]): DailyPoint[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const byDay = new Map(points.map((point) => [point.day, point]));
  // A long history keeps its latest days: those are the ones a campaign team acts on.
  const end = Date.parse(`${last.day}T00:00:00Z`);
  const start = Math.max(Date.parse(`${first.day}T00:00:00Z`), end - (MAX_CHART_DAYS - 1) * DAY_MS);
  const days: DailyPoint[] = [];
  for (let at = start; at <= end; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, visits: 0, completions: 0, reactivations: 0 });
  }
  return days;
}

/** Fixed steps get the dashboard's words; the mechanic's steps (questions) keep their own labels. */
export function funnelBars(funnel: readonly FunnelStepReport[], strings: AdminStrings): FunnelBarStep[] {
  return funnel.map((step, index) => ({
    label: strings.funnelSteps[step.id] ?? step.label ?? step.id,
    count: step.count,
    dropOff: index === 0 ? undefined : step.dropOff,
  }));
}

export function networkLabel(network: string, strings: AdminStrings): string {
  if (network === 'copy') return strings.copyLink;
  if (network === 'native') return strings.nativeShare;
  return SHARE_NETWORKS.find((known) => known.id === network)?.name ?? network;
}

/** The busiest day by visits, for the chart's one-line summary; undefined without data. */
export function peakDay(points: readonly DailyPoint[]): DailyPoint | undefined {
  return points.reduce<DailyPoint | undefined>((best, point) => (!best || point.visits > best.visits ? point : best), undefined);
}
