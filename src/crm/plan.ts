/**
 * Planning before the send: the smallest lift a control group of this size can tell from zero.
 *
 * For a base rate p (the share who come back without the mailing), n_c control and n_t target
 * customers, a two-sided test at α = 5% with 80% power detects a difference δ when
 *
 *   δ = (z₀.₉₇₅ + z₀.₈₀) · √( p(1 − p)/n_c + (p + δ)(1 − p − δ)/n_t ),  z₀.₉₇₅ = 1.960, z₀.₈₀ = 0.842
 *
 * (the normal approximation for two proportions, each group with its own variance). δ appears
 * on both sides; a few fixed-point steps from δ = 0 settle it to well under a customer.
 */

import { Z_95 } from './stats.ts';

/** z of 80% power: the 80th percentile of the standard normal. */
export const Z_POWER_80 = 0.8416212335729143;

export interface DetectionPlan {
  /** The rate the plan assumes without the mailing. */
  baseRate: number;
  /** `config`: reactivation.baseRate; `forecast`: none given, so the forecast's own rate stands in. */
  baseRateFrom: 'config' | 'forecast';
  targetSize: number;
  controlSize: number;
  /** Smallest detectable difference of rates (80% power, α 5%). */
  minimumDetectable: number;
  /** The same as customers of the target group. */
  minimumDetectableCustomers: number;
  /** forecast / n_t − baseRate: the effect the forecast counts on, when a base rate is given. */
  forecastEffect?: number;
  /** True when the forecast's effect is smaller than this control group can detect. */
  forecastUndetectable: boolean;
}

export function minimumDetectableDifference(baseRate: number, targetSize: number, controlSize: number): number {
  const zSum = Z_95 + Z_POWER_80;
  const controlVariance = (baseRate * (1 - baseRate)) / controlSize;
  let difference = 0;
  for (let step = 0; step < 20; step++) {
    const treated = Math.min(1, baseRate + difference);
    const next = zSum * Math.sqrt(controlVariance + (treated * (1 - treated)) / targetSize);
    if (Math.abs(next - difference) < 1e-9) return next;
    difference = next;
  }
  return difference;
}

/**
 * The plan for a project's groups; undefined without both groups or without a rate to plan at
 * (no base rate given, and a forecast that is 0 or more than the target group).
 */
export function detectionPlan(options: {
  forecast: number;
  baseRate?: number;
  targetSize: number;
  controlSize: number;
}): DetectionPlan | undefined {
  const { forecast, baseRate, targetSize, controlSize } = options;
  if (targetSize === 0 || controlSize === 0) return undefined;
  const forecastRate = forecast / targetSize;
  const rate = baseRate ?? forecastRate;
  if (!(rate > 0 && rate < 1)) return undefined;
  const minimumDetectable = minimumDetectableDifference(rate, targetSize, controlSize);
  const forecastEffect = baseRate === undefined || forecast === 0 ? undefined : forecastRate - baseRate;
  return {
    baseRate: rate,
    baseRateFrom: baseRate === undefined ? 'forecast' : 'config',
    targetSize,
    controlSize,
    minimumDetectable,
    minimumDetectableCustomers: minimumDetectable * targetSize,
    forecastEffect,
    forecastUndetectable: forecastEffect !== undefined && forecastEffect < minimumDetectable,
  };
}
