import type { PreviewPlay } from '../types.ts';
import type { SpinRecord, WheelConfig } from './rules.ts';
import { wheelStrings } from './strings.ts';

/**
 * The wheel before its spin, then one spin per prize. A preview names the prize it lands on (the
 * roll that falls on that sector), so it never rolls for real or claims a unit of real stock.
 */
export function wheelPreviewPlays(config: WheelConfig, now: Date): PreviewPlay[] {
  const strings = wheelStrings(config.locale);
  const total = config.prizes.reduce((sum, prize) => sum + prize.odds, 0);
  const odds = Object.fromEntries(config.prizes.map((prize) => [prize.id, prize.odds]));
  let before = 0;
  const prizes = config.prizes.map((prize) => {
    const spin: SpinRecord = { spin: 1, roll: total > 0 ? before / total : 0, prize: prize.id, ranOut: [], odds, at: now.toISOString() };
    before += prize.odds;
    return { label: strings.youWon(prize.label), actions: [{ type: 'spin' }], drawn: [spin] };
  });
  return [{ label: config.spinButton ?? strings.spin, actions: [] }, ...prizes];
}
