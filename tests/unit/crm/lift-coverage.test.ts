import { describe, expect, it } from 'vitest';
import { liftOf, Z_95, type Interval, type Proportion } from '../../../src/crm/stats.ts';
import { coverageOf, type Regime } from './campaign-simulation.ts';

/**
 * The four campaign sizes of issue 13, each simulated 5 000 times with a fixed seed: a 95%
 * interval must hold the true difference in 95% ± 2% of them. With 5 000 campaigns the
 * simulation's own standard error is 0.3 points, so the band is about seven of them wide.
 */
const REGIMES: Regime[] = [
  { name: '100 000 / 10 000 at 8% vs 5%', target: { size: 100_000, rate: 0.08 }, control: { size: 10_000, rate: 0.05 } },
  { name: '10 000 / 1 000 at 4% vs 3%', target: { size: 10_000, rate: 0.04 }, control: { size: 1_000, rate: 0.03 } },
  { name: '50 000 / 5 000 at 0.5% vs 0.3%', target: { size: 50_000, rate: 0.005 }, control: { size: 5_000, rate: 0.003 } },
  { name: '1 000 / 100 at 3% vs 2%', target: { size: 1_000, rate: 0.03 }, control: { size: 100, rate: 0.02 } },
];
const CAMPAIGNS = 5_000;
const SEED = 13;

const rateDifferenceCi = (target: Proportion, control: Proportion) => liftOf(target, control)?.rateDifferenceCi;
/** The incremental interval scaled back to rate points: it must cover the same truth. */
const incrementalAsRate = (target: Proportion, control: Proportion): Interval | undefined => {
  const lift = liftOf(target, control);
  return lift && { low: lift.incrementalCi.low / target.size, high: lift.incrementalCi.high / target.size };
};

describe('the lift’s 95% interval holds the truth 95% ± 2% of the time at every campaign size', () => {
  for (const regime of REGIMES) {
    it(regime.name, () => {
      const coverage = coverageOf(rateDifferenceCi, regime, CAMPAIGNS, SEED);
      expect(coverage.covered).toBeGreaterThanOrEqual(0.93);
      expect(coverage.covered).toBeLessThanOrEqual(0.97);
      // A miss that overstates the effect is the costly one: it must not be the usual kind.
      expect(coverage.overstated).toBeLessThanOrEqual(0.035);
      expect(coverageOf(incrementalAsRate, regime, CAMPAIGNS, SEED).covered).toBe(coverage.covered);
    });
  }

  it('is a simulation that can fail: the Wald interval misses the small campaign', () => {
    const wald = (target: Proportion, control: Proportion): Interval => {
      const [pt, pc] = [target.reactivated / target.size, control.reactivated / control.size];
      const margin = Z_95 * Math.sqrt((pt * (1 - pt)) / target.size + (pc * (1 - pc)) / control.size);
      return { low: pt - pc - margin, high: pt - pc + margin };
    };
    const small = REGIMES[3] as Regime;
    expect(coverageOf(wald, small, CAMPAIGNS, SEED).covered).toBeLessThan(0.9);
  });
});
