import type { GiftConfig } from '../config/schemas/gift.ts';
import type { GiftCustomer, GiftProjectConfig, Tier } from './types.ts';

/** The first tier whose [minSpend, maxSpend) holds `spend`; none when the spend is unknown. */
export function tierFor(tiers: readonly Tier[], spend?: number): Tier | undefined {
  if (spend === undefined || !Number.isFinite(spend)) return undefined;
  return tiers.find((tier) => spend >= tier.minSpend && (tier.maxSpend === undefined || spend < tier.maxSpend));
}

/**
 * The gift for a customer: the first gift rule whose segment and tier both match, else their
 * A/B arm's gift, else the project's default gift. Anonymous players (no customer) always get
 * the default.
 */
export function giftFor(config: Pick<GiftProjectConfig, 'gift' | 'giftRules' | 'tiers' | 'variants'>, customer?: GiftCustomer): GiftConfig {
  if (!customer) return config.gift;
  const tierName = tierFor(config.tiers, customer.spend)?.name;
  const rule = config.giftRules.find(
    ({ when }) => (when.segment === undefined || when.segment === customer.segment) && (when.tier === undefined || when.tier === tierName),
  );
  const armGift = customer.arm === undefined ? undefined : config.variants?.find((variant) => variant.id === customer.arm)?.gift;
  return rule?.gift ?? armGift ?? config.gift;
}
