import type { DashboardContext, DashboardSection } from '../types.ts';
import { stockSourceOf, type WheelConfig, type WheelState } from './rules.ts';
import { wheelStrings } from './strings.ts';

/**
 * Prizes given against stock, by spend tier, from the draw records: what ran out, and the odds
 * each prize has now that the ones that ran out have passed theirs on.
 */
export async function wheelDashboard(
  config: WheelConfig,
  plays: readonly WheelState[],
  context: DashboardContext,
): Promise<DashboardSection[]> {
  const strings = wheelStrings(context.locale);
  // Without tiers the one «no tier» column would only repeat the total.
  const tiers = context.tiers.length > 0 ? [...context.tiers, ''] : [];
  const given = new Map<string, Map<string, number>>();
  for (const play of plays) {
    for (const spin of play.spins) {
      const byTier = given.get(spin.prize) ?? new Map<string, number>();
      byTier.set(spin.tier ?? '', (byTier.get(spin.tier ?? '') ?? 0) + 1);
      given.set(spin.prize, byTier);
    }
  }
  const stocks = await Promise.all(
    config.prizes.map(async (prize) => {
      const source = stockSourceOf(prize);
      return source ? context.stockOf(source) : undefined;
    }),
  );
  const countOf = (id: string) => [...(given.get(id)?.values() ?? [])].reduce((sum, count) => sum + count, 0);
  const exhausted = new Set(
    config.prizes
      .filter((prize, index) => stocks[index] !== undefined && countOf(prize.id) >= (stocks[index] ?? 0))
      .map((prize) => prize.id),
  );
  const liveOdds = config.prizes.filter((prize) => !exhausted.has(prize.id)).reduce((sum, prize) => sum + prize.odds, 0);
  const percent = (value: number) => `${Math.round(value * 10) / 10}%`;
  const rows = config.prizes.map((prize, index) => {
    const stock = stocks[index];
    const total = countOf(prize.id);
    const now = exhausted.has(prize.id) ? 0 : liveOdds > 0 ? (prize.odds / liveOdds) * 100 : 0;
    const odds = Math.abs(now - prize.odds) < 0.05 ? percent(prize.odds) : `${percent(prize.odds)} → ${percent(now)}`;
    return [
      prize.label,
      odds,
      stock === undefined ? strings.unlimited : stock,
      ...tiers.map((tier) => given.get(prize.id)?.get(tier) ?? 0),
      total,
      stock === undefined ? strings.unlimited : exhausted.has(prize.id) ? strings.exhausted : stock - total,
    ];
  });
  const tierColumns = tiers.map((tier) => `${strings.given}: ${tier || strings.noTier}`);
  return [
    {
      id: 'wheel-prizes',
      title: strings.dashboardTitle,
      columns: [strings.prize, strings.odds, strings.stock, ...tierColumns, strings.given, strings.left],
      rows,
      note: strings.dashboardNote,
    },
  ];
}
