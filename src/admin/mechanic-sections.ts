import type { LoadedProject } from '../config/load.ts';
import type { Locale } from '../config/schemas/common.ts';
import { loadPromoPool } from '../gifts/index.ts';
import { mechanicFor } from '../mechanics/registry.ts';
import type { DashboardSection, Mechanic, StockSource } from '../mechanics/types.ts';
import type { Storage } from '../storage/types.ts';

/**
 * The dashboard tables a mechanic adds about its own plays (prizes given by a wheel, reasons of
 * a survey). The report knows nothing of mechanics; this reads the plays once for the mechanic.
 */
export async function mechanicSections(project: LoadedProject, storage: Storage, locale: Locale): Promise<DashboardSection[]> {
  const mechanic = mechanicFor(project.config.kind) as Mechanic<string, LoadedProject['config']> | undefined;
  if (!mechanic?.dashboard) return [];
  const states: unknown[] = [];
  for await (const play of storage.plays.scan(project.slug)) states.push(play.state);
  return mechanic.dashboard(project.config, states, {
    locale,
    tiers: project.config.tiers.map((tier) => tier.name),
    stockOf: (source) => stockOf(project, source),
  });
}

async function stockOf(project: LoadedProject, source: StockSource): Promise<number> {
  if ('promo' in source) return (await loadPromoPool(project, source.promo)).codes.length;
  return source.units;
}
