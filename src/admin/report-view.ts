import type { Locale } from '../config/schemas/common.ts';
import type { DailyPoint, FunnelStepReport, GiftAudience, ProjectReport } from '../crm/report.ts';
import { SHARE_NETWORKS } from '../share/networks.ts';
import type { FunnelBarStep } from './charts/types.ts';
import { formatCount, formatFactVsForecast, formatLongDay } from './format.ts';
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

export function networkLabel(network: string, strings: AdminStrings, locale: Locale): string {
  if (network === 'copy') return strings.copyLink;
  if (network === 'native') return strings.nativeShare;
  return SHARE_NETWORKS.find((known) => known.id === network)?.name[locale] ?? network;
}

/** The busiest day by visits, for the chart's one-line summary; undefined without data. */
export function peakDay(points: readonly DailyPoint[]): DailyPoint | undefined {
  return points.reduce<DailyPoint | undefined>((best, point) => (!best || point.visits > best.visits ? point : best), undefined);
}

/**
 * The headline «fact / forecast (delta)». Before any order is imported a purchase-counted project
 * has no facts yet, so it says so instead of a −100% nobody earned.
 */
export function headline(report: ProjectReport, locale: Locale, strings: AdminStrings): { figure: string; note?: string } {
  if (report.window.counts === 'purchase' && report.orders.total === 0) {
    return { figure: `${formatCount(report.fact, locale)} / ${formatCount(report.forecast, locale)}`, note: strings.noOrdersYet };
  }
  return { figure: formatFactVsForecast(report.fact, report.forecast, locale) };
}

/** The daily chart's one-line summary, never «no events» under a chart that shows some. */
export function dailySummary(days: readonly DailyPoint[], locale: Locale, strings: AdminStrings): string {
  const busiest = peakDay(days);
  if (busiest && busiest.visits > 0) {
    return strings.dailySummary(days.length, formatLongDay(busiest.day, locale), formatCount(busiest.visits, locale));
  }
  const completions = days.reduce((sum, point) => sum + point.completions, 0);
  const reactivations = days.reduce((sum, point) => sum + point.reactivations, 0);
  if (completions + reactivations === 0) return strings.dailyEmpty;
  return strings.dailyQuietSummary(days.length, formatCount(completions, locale), formatCount(reactivations, locale));
}

/**
 * The sharing section's words: the viral loop once anything was shared, and what to say where the
 * per-network table would be when no button was pressed (someone may still have shared by link).
 */
export function sharingText(report: ProjectReport, locale: Locale, strings: AdminStrings): { loop?: string; noClicks?: string } {
  const { shares } = report;
  const anyClicks = Object.values(shares.clicksByNetwork).some((clicks) => clicks > 0);
  const anyShared = shares.created + shares.pageVisits + shares.playsStarted > 0 || anyClicks;
  if (!anyShared) return { noClicks: strings.noShares };
  const loop = strings.viralLoop(
    formatCount(shares.created, locale),
    formatCount(shares.pageVisits, locale),
    formatCount(shares.playsStarted, locale),
    formatCount(shares.playsCompleted, locale),
  );
  return anyClicks ? { loop } : { loop, noClicks: strings.noShareClicks };
}

/** A promo pool by who gets its codes («Уровень «vip»», «Все остальные»), not by its file. */
export function poolName(usedBy: readonly GiftAudience[], strings: AdminStrings): string {
  return usedBy
    .map(
      (audience) =>
        [
          audience.segment && strings.poolSegment(audience.segment),
          audience.tier && strings.poolTier(audience.tier),
          audience.arm && strings.poolArm(audience.arm),
        ]
          .filter(Boolean)
          .join(', ') || strings.poolEveryoneElse,
    )
    .join('; ');
}
