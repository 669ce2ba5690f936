import { describe, expect, it } from 'vitest';
import { deltaShare, formatDeltaPercent, liftOf } from '../../../src/crm/stats.ts';

describe('fact against forecast', () => {
  it('shows the seed’s 29 136 against 21 659 as +35%', () => {
    // (29 136 − 21 659) / 21 659 = 7 477 / 21 659 = 0.34521…
    const delta = deltaShare(29136, 21659);
    expect(delta).toBeCloseTo(0.34521, 5);
    expect(formatDeltaPercent(delta ?? Number.NaN)).toBe('+35%');
  });

  it('writes the second campaign and shortfalls the same way', () => {
    // (35 600 − 25 418) / 25 418 = 0.40058… → +40%; (900 − 1 000) / 1 000 = −0.1 → −10%
    expect(formatDeltaPercent(deltaShare(35600, 25418) ?? 0)).toBe('+40%');
    expect(formatDeltaPercent(deltaShare(900, 1000) ?? 0)).toBe('−10%');
    expect(formatDeltaPercent(0.004)).toBe('0%');
    expect(deltaShare(10, 0)).toBeUndefined();
  });
});

describe('liftOf', () => {
  it('matches the hand-computed lift and 95% interval', () => {
    // p_t = 180 / 900 = 0.2, p_c = 10 / 100 = 0.1, d = 0.1
    // SE = √(0.2·0.8/900 + 0.1·0.9/100) = √(0.000177778 + 0.0009) = √0.001077778 = 0.0328295
    // margin = 1.959964 · 0.0328295 = 0.0643446 → CI(d) = [0.0356554, 0.1643446]
    // incremental = 0.1 · 900 = 90, CI = [32.090, 147.910]
    const lift = liftOf({ reactivated: 180, size: 900 }, { reactivated: 10, size: 100 });
    expect(lift?.rateDifference).toBeCloseTo(0.1, 10);
    expect(lift?.rateDifferenceCi.low).toBeCloseTo(0.0356554, 6);
    expect(lift?.rateDifferenceCi.high).toBeCloseTo(0.1643446, 6);
    expect(lift?.incremental).toBeCloseTo(90, 8);
    expect(lift?.incrementalCi.low).toBeCloseTo(32.09, 2);
    expect(lift?.incrementalCi.high).toBeCloseTo(147.91, 2);
  });

  it('matches a seed-sized campaign', () => {
    // n_t = 194 931, x_t = 29 136 (p_t = 0.149468); n_c = 21 659, x_c = 2 599 (p_c = 0.119997)
    // d = 0.029471; SE = √(0.149468·0.850532/194931 + 0.119997·0.880003/21659)
    //   = √(6.5216e-7 + 4.8755e-6) = √5.5277e-6 = 0.0023511; margin = 0.0046081
    // incremental = 0.029471 · 194 931 = 5 745, CI = 0.029471 ∓ 0.0046081 → [4 847, 6 643]
    const lift = liftOf({ reactivated: 29136, size: 194931 }, { reactivated: 2599, size: 21659 });
    expect(lift?.incremental).toBeCloseTo(5745, -1);
    expect(lift?.incrementalCi.low).toBeCloseTo(4847, -1);
    expect(lift?.incrementalCi.high).toBeCloseTo(6643, -1);
  });

  it('has no lift without a control group', () => {
    expect(liftOf({ reactivated: 5, size: 10 }, { reactivated: 0, size: 0 })).toBeUndefined();
  });
});
