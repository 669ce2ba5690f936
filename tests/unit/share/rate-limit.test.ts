import { describe, expect, it } from 'vitest';
import { createShareImageLimiter, TokenBucketLimiter } from '../../../src/share/rate-limit.ts';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucketLimiter', () => {
  it('allows a burst, then one request per refill interval', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ perMinute: 20, burst: 10, now: time.now });
    const burst = Array.from({ length: 12 }, () => limiter.take('203.0.113.7'));
    expect(burst).toEqual([...Array(10).fill(true), false, false]);
    time.advance(2_900);
    expect(limiter.take('203.0.113.7')).toBe(false);
    time.advance(200);
    expect(limiter.take('203.0.113.7')).toBe(true);
    expect(limiter.take('203.0.113.7')).toBe(false);
  });

  it('keeps clients apart and refills no higher than the burst', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2, now: time.now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    time.advance(60 * 60_000);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
  });

  it('tracks a bounded number of clients, forgetting the least recent', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 1, burst: 1, maxClients: 100 });
    for (let index = 0; index < 5_000; index++) limiter.take(`10.0.${index >> 8}.${index & 255}`);
    expect(limiter.size).toBe(100);
    expect(limiter.take('10.0.19.135')).toBe(false);
  });

  it('refuses a limit that would block everything', () => {
    expect(() => new TokenBucketLimiter({ perMinute: 0, burst: 10 })).toThrow(/perMinute > 0/);
  });

  it('gives the share image routes 10 cold renders at once', () => {
    const limiter = createShareImageLimiter();
    expect(Array.from({ length: 11 }, () => limiter.take('client')).filter(Boolean)).toHaveLength(10);
  });
});
