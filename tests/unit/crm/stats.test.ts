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
  it('matches Newcombe’s hybrid score interval computed by hand', () => {
    // p_t = 180 / 900 = 0.2, p_c = 10 / 100 = 0.1, d = 0.1; z = 1.959964, z² = 3.841459
    // Wilson, target: centre = (0.2 + 3.841459/1800) / (1 + 3.841459/900) = 0.2021341 / 1.0042683 = 0.2012750,
    //   half = 1.959964/1.0042683 · √(0.16/900 + 3.841459/3 240 000) = 1.951634 · 0.0134281 = 0.0261084
    //   → [0.1751666, 0.2273835]
    // Wilson, control: centre = (0.1 + 0.0192073) / 1.0384146 = 0.1147974,
    //   half = 1.887464 · √(0.0009 + 0.0000960) = 1.887464 · 0.0315596 = 0.0595682 → [0.0552291, 0.1743657]
    // low  = 0.1 − √((0.2 − 0.1751666)² + (0.1743657 − 0.1)²) = 0.1 − √(0.00061670 + 0.00553026) = 0.1 − 0.0784025 = 0.0215975
    // high = 0.1 + √((0.2273835 − 0.2)² + (0.1 − 0.0552291)²) = 0.1 + √(0.00074986 + 0.00200443) = 0.1 + 0.0524813 = 0.1524813
    // incremental = 0.1 · 900 = 90, CI = [19.438, 137.233]
    const lift = liftOf({ reactivated: 180, size: 900 }, { reactivated: 10, size: 100 });
    expect(lift?.rateDifference).toBeCloseTo(0.1, 10);
    expect(lift?.rateDifferenceCi.low).toBeCloseTo(0.0215975, 6);
    expect(lift?.rateDifferenceCi.high).toBeCloseTo(0.1524813, 6);
    expect(lift?.incremental).toBeCloseTo(90, 8);
    expect(lift?.incrementalCi.low).toBeCloseTo(19.438, 2);
    expect(lift?.incrementalCi.high).toBeCloseTo(137.233, 2);
  });

  it('matches a seed-sized campaign, where it agrees with the Wald interval to a few customers', () => {
    // n_t = 194 931, x_t = 29 136; n_c = 21 659, x_c = 2 599: d = 0.029472, incremental 5 745.
    // Wilson bounds: target [0.1478924, 0.1510580], control [0.1157359, 0.1243915]
    // → CI(d) = [0.0248028, 0.0340193] → CI(incremental) = [4 835, 6 631] (Wald gave [4 847, 6 643]).
    const lift = liftOf({ reactivated: 29136, size: 194931 }, { reactivated: 2599, size: 21659 });
    expect(lift?.incremental).toBeCloseTo(5745, -1);
    expect(lift?.incrementalCi.low).toBeCloseTo(4835, 0);
    expect(lift?.incrementalCi.high).toBeCloseTo(6631, 0);
  });

  it('stays honest with no reactivation in the control group: the interval reaches below zero', () => {
    // 3 of 1 000 against 0 of 100: Wald gave [0.0000, 0.0064] (SE 0 on the control side), «surely positive».
    const lift = liftOf({ reactivated: 3, size: 1000 }, { reactivated: 0, size: 100 });
    expect(lift?.rateDifferenceCi.low).toBeCloseTo(-0.0340464, 6);
    expect(lift?.rateDifferenceCi.high).toBeCloseTo(0.008783, 6);
  });

  it('has no lift without a control group', () => {
    expect(liftOf({ reactivated: 5, size: 10 }, { reactivated: 0, size: 0 })).toBeUndefined();
  });
});
