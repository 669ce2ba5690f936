import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/admin/login-limiter.ts';

const minute = 60 * 1000;
const at = (minutes: number) => new Date(Date.UTC(2021, 0, 10, 12, 0) + minutes * minute);

describe('LoginLimiter', () => {
  it('refuses the sixth attempt after five failures within 15 minutes, then lets the client retry', () => {
    const limiter = new LoginLimiter({ maxFailures: 5, windowMs: 15 * minute });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(limiter.check('10.0.0.1', at(attempt))).toEqual({ allowed: true });
      limiter.recordFailure('10.0.0.1', at(attempt));
    }
    expect(limiter.check('10.0.0.1', at(5))).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
    // The first failure (minute 0) leaves the window at minute 15.
    expect(limiter.check('10.0.0.1', at(15)).allowed).toBe(true);
  });

  it('counts clients separately', () => {
    const limiter = new LoginLimiter({ maxFailures: 2 });
    limiter.recordFailure('10.0.0.1', at(0));
    limiter.recordFailure('10.0.0.1', at(0));
    expect(limiter.check('10.0.0.1', at(1)).allowed).toBe(false);
    expect(limiter.check('10.0.0.2', at(1)).allowed).toBe(true);
  });

  it('forgets failures after a successful login', () => {
    const limiter = new LoginLimiter({ maxFailures: 2 });
    limiter.recordFailure('10.0.0.1', at(0));
    limiter.recordSuccess('10.0.0.1');
    limiter.recordFailure('10.0.0.1', at(1));
    expect(limiter.check('10.0.0.1', at(1)).allowed).toBe(true);
  });

  it('keeps memory bounded under a flood of addresses', () => {
    const limiter = new LoginLimiter({ maxTrackedClients: 100 });
    for (let client = 0; client < 1000; client++) limiter.recordFailure(`10.0.${client >> 8}.${client & 255}`, at(0));
    expect(limiter.trackedClients).toBe(100);
    // The most recent offenders are the ones kept.
    limiter.recordFailure('10.0.3.231', at(0));
    for (let attempt = 0; attempt < 3; attempt++) limiter.recordFailure('10.0.3.231', at(0));
    expect(limiter.check('10.0.3.231', at(0)).allowed).toBe(false);
  });
});
