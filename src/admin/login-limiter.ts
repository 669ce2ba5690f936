import { memoryAdminStore } from '../storage/memory-admin.ts';
import type { AdminStore } from '../storage/types.ts';

/**
 * Failed-login limit per client address: after `maxFailures` wrong passwords within `windowMs`,
 * that address is refused until the oldest failure leaves the window. The failures live in the
 * store (PostgreSQL: shared by every instance), so N instances still allow maxFailures guesses
 * per window, not N times as many.
 */
export interface LoginLimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Where failures are kept. @default this process's memory */
  store?: Pick<AdminStore, 'recordLoginFailure' | 'loginFailures' | 'clearLoginFailures'>;
}

export type LoginAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginLimiter {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly #store: NonNullable<LoginLimiterOptions['store']>;

  constructor({ maxFailures = 5, windowMs = 15 * 60 * 1000, store = memoryAdminStore() }: LoginLimiterOptions = {}) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.#store = store;
  }

  async check(client: string, now: Date): Promise<LoginAllowance> {
    const recent = await this.#recent(client, now);
    if (recent.length < this.maxFailures) return { allowed: true };
    const oldest = recent[recent.length - this.maxFailures] ?? now.getTime();
    const retryAfterMs = oldest + this.windowMs - now.getTime();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  recordFailure(client: string, now: Date): Promise<void> {
    return this.#store.recordLoginFailure(client, now.getTime());
  }

  /** Failures of `client` still inside the window. */
  async failures(client: string, now: Date): Promise<number> {
    return (await this.#recent(client, now)).length;
  }

  /** A successful login clears the client's record. */
  recordSuccess(client: string): Promise<void> {
    return this.#store.clearLoginFailures(client);
  }

  #recent(client: string, now: Date): Promise<number[]> {
    return this.#store.loginFailures(client, now.getTime() - this.windowMs);
  }
}
