import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/admin/login-limiter.ts';
import { memoryAdminStore } from '../../../src/storage/memory-admin.ts';

const minute = 60 * 1000;
const at = (minutes: number) => new Date(Date.UTC(2021, 0, 10, 12, 0) + minutes * minute);

describe('LoginLimiter', () => {
  it('refuses the sixth attempt after five failures within 15 minutes, then lets the client retry', async () => {
    const limiter = new LoginLimiter({ maxFailures: 5, windowMs: 15 * minute });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await limiter.check('10.0.0.1', at(attempt))).toEqual({ allowed: true });
      await limiter.recordFailure('10.0.0.1', at(attempt));
    }
    expect(await limiter.check('10.0.0.1', at(5))).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
    // The first failure (minute 0) leaves the window at minute 15.
    expect((await limiter.check('10.0.0.1', at(15))).allowed).toBe(true);
  });

  it('counts clients separately', async () => {
    const limiter = new LoginLimiter({ maxFailures: 2 });
    await limiter.recordFailure('10.0.0.1', at(0));
    await limiter.recordFailure('10.0.0.1', at(0));
    expect((await limiter.check('10.0.0.1', at(1))).allowed).toBe(false);
    expect((await limiter.check('10.0.0.2', at(1))).allowed).toBe(true);
  });

  it('forgets failures after a successful login', async () => {
    const limiter = new LoginLimiter({ maxFailures: 2 });
    await limiter.recordFailure('10.0.0.1', at(0));
    await limiter.recordSuccess('10.0.0.1');
    await limiter.recordFailure('10.0.0.1', at(1));
    expect((await limiter.check('10.0.0.1', at(1))).allowed).toBe(true);
  });

  it('counts the failures of every instance sharing a store against one limit', async () => {
    const store = memoryAdminStore();
    const [first, second] = [new LoginLimiter({ maxFailures: 4, store }), new LoginLimiter({ maxFailures: 4, store })];
    for (let attempt = 0; attempt < 4; attempt++) await (attempt % 2 === 0 ? first : second).recordFailure('10.0.0.1', at(attempt));
    expect((await first.check('10.0.0.1', at(4))).allowed).toBe(false);
    expect((await second.check('10.0.0.1', at(4))).allowed).toBe(false);
  });

  it('keeps memory bounded under a flood of addresses', async () => {
    const store = memoryAdminStore({ maxTrackedClients: 100 });
    const limiter = new LoginLimiter({ store });
    for (let client = 0; client < 1000; client++) await limiter.recordFailure(`10.0.${client >> 8}.${client & 255}`, at(0));
    expect(store.trackedClients).toBe(100);
    // The most recent offenders are the ones kept.
    for (let attempt = 0; attempt < 4; attempt++) await limiter.recordFailure('10.0.3.231', at(0));
    expect((await limiter.check('10.0.3.231', at(0))).allowed).toBe(false);
  });
});
