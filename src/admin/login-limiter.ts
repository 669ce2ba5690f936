/**
 * Failed-login limit per client address: after `maxFailures` wrong passwords within `windowMs`,
 * that address is refused until the oldest failure leaves the window. Kept in memory per app
 * instance: with N instances an attacker gets at most N × maxFailures guesses per window, still
 * far too few against a scrypt-hashed password.
 */
export interface LoginLimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Addresses tracked at most; the stalest are dropped first so a flood cannot exhaust memory. */
  maxTrackedClients?: number;
}

export type LoginAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginLimiter {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly #maxTrackedClients: number;
  /** Failure times per client, oldest first; Map order doubles as least-recently-failed order. */
  readonly #failures = new Map<string, number[]>();

  constructor({ maxFailures = 5, windowMs = 15 * 60 * 1000, maxTrackedClients = 10_000 }: LoginLimiterOptions = {}) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.#maxTrackedClients = maxTrackedClients;
  }

  check(client: string, now: Date): LoginAllowance {
    const recent = this.#recent(client, now);
    if (recent.length < this.maxFailures) return { allowed: true };
    const oldest = recent[recent.length - this.maxFailures] ?? now.getTime();
    const retryAfterMs = oldest + this.windowMs - now.getTime();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  recordFailure(client: string, now: Date): void {
    const recent = this.#recent(client, now);
    recent.push(now.getTime());
    this.#failures.delete(client);
    this.#failures.set(client, recent.slice(-this.maxFailures));
    this.#evictBeyondCapacity();
  }

  /** Failures of `client` still inside the window. */
  failures(client: string, now: Date): number {
    return this.#recent(client, now).length;
  }

  /** A successful login clears the client's record. */
  recordSuccess(client: string): void {
    this.#failures.delete(client);
  }

  get trackedClients(): number {
    return this.#failures.size;
  }

  #recent(client: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    const recent = (this.#failures.get(client) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(client);
    return recent;
  }

  #evictBeyondCapacity(): void {
    for (const client of this.#failures.keys()) {
      if (this.#failures.size <= this.#maxTrackedClients) return;
      this.#failures.delete(client);
    }
  }
}
