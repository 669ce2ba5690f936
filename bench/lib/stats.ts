/** Latency figures of one load run, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

/** The value below which `fraction` of the samples fall (nearest-rank); 0 for no samples. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(sorted.length * fraction) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

/** Sorts `latencies` in place (a typed array sorts numerically) and reads p50, p99 and max. */
export function summariseLatencies(latencies: Float64Array): LatencySummary {
  latencies.sort();
  return {
    p50: round(percentile(latencies, 0.5), 2),
    p99: round(percentile(latencies, 0.99), 2),
    max: round(latencies.at(-1) ?? 0, 2),
  };
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** `part` as a whole-number percentage of `whole`, e.g. "43 %"; a dash when there is no whole. */
export function percentOf(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';
}
