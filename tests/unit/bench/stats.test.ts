import { describe, expect, it } from 'vitest';
import { percentOf, percentile, summariseLatencies } from '../../../bench/lib/stats.ts';

describe('percentile', () => {
  it('takes the nearest rank, so p99 of 100 samples is the 99th and not the maximum', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile(sorted, 1)).toBe(100);
  });

  it('is 0 without samples and the only value with one', () => {
    expect(percentile([], 0.99)).toBe(0);
    expect(percentile([7], 0.5)).toBe(7);
  });
});

describe('summariseLatencies', () => {
  it('sorts numerically (not as text) before reading p50, p99 and max', () => {
    const latencies = Float64Array.from([100, 9, 20, 3, 1000, 4.5, 2, 8, 7, 6]);
    expect(summariseLatencies(latencies)).toEqual({ p50: 7, p99: 1000, max: 1000 });
  });
});

describe('percentOf', () => {
  it('rounds to a whole percentage and shows a dash when the baseline is missing', () => {
    expect(percentOf(2261, 3329)).toBe('68 %');
    expect(percentOf(5, 0)).toBe('–');
  });
});
