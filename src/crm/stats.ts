/** The z value of a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Reactivation of the mailed group against the held-out group, and what the project itself caused. */
export interface Lift {
  rateTarget: number;
  rateControl: number;
  /** rateTarget − rateControl, in proportion points. */
  rateDifference: number;
  /** 95% interval of the difference. */
  rateDifferenceCi: Interval;
  /** (rateTarget − rateControl) × nTarget: reactivations the mailing caused beyond the baseline. */
  incremental: number;
  incrementalCi: Interval;
}

/**
 * Lift with a 95% confidence interval by the normal approximation for the difference of two
 * independent proportions (Wald interval):
 *
 *   p_t = x_t / n_t,  p_c = x_c / n_c,  d = p_t − p_c
 *   SE(d) = √( p_t(1 − p_t)/n_t + p_c(1 − p_c)/n_c )
 *   CI(d) = d ± 1.96 · SE(d)
 *   incremental = d · n_t,  CI(incremental) = CI(d) · n_t
 *
 * It is reliable when each group has at least ~10 reactivated and ~10 not reactivated; with a
 * 10% control of tens of thousands that always holds. Undefined when a group is empty.
 */
export function liftOf(target: { reactivated: number; size: number }, control: { reactivated: number; size: number }): Lift | undefined {
  if (target.size === 0 || control.size === 0) return undefined;
  const rateTarget = target.reactivated / target.size;
  const rateControl = control.reactivated / control.size;
  const difference = rateTarget - rateControl;
  const standardError = Math.sqrt(
    (rateTarget * (1 - rateTarget)) / target.size + (rateControl * (1 - rateControl)) / control.size,
  );
  const margin = Z_95 * standardError;
  return {
    rateTarget,
    rateControl,
    rateDifference: difference,
    rateDifferenceCi: { low: difference - margin, high: difference + margin },
    incremental: difference * target.size,
    incrementalCi: { low: (difference - margin) * target.size, high: (difference + margin) * target.size },
  };
}

/** Fact against forecast: (fact − forecast) / forecast, undefined without a forecast. */
export function deltaShare(fact: number, forecast: number): number | undefined {
  return forecast > 0 ? (fact - forecast) / forecast : undefined;
}

/**
 * A delta as the seed writes it: whole percent with a sign, «+35%» for 0.345, «−8%», «0%».
 * The minus is U+2212, which lines up with the plus in a table.
 */
export function formatDeltaPercent(delta: number): string {
  const percent = Math.round(delta * 100);
  if (percent === 0) return '0%';
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
}

/** Share of the previous step lost at this one; 0 when the previous step had nobody. */
export function dropOff(previous: number, current: number): number {
  return previous > 0 ? (previous - current) / previous : 0;
}
