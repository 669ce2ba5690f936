export interface TokenBucketOptions {
  /** Tokens added per minute to each client's bucket. */
  perMinute: number;
  /** Bucket size: how many requests a client may make at once after being idle. */
  burst: number;
  /**
   * Most clients tracked at once. When full, the least recently seen client is forgotten
   * (it starts again with a full bucket), so memory stays bounded under a flood of addresses.
   */
  maxClients?: number;
  /** Clock in milliseconds; tests pass a fake one. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token-bucket limiter keyed by client (an IP address). The share image routes ask it before
 * a cold render, the only expensive thing a visitor can trigger; cached images are not limited.
 */
export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #refillPerMs: number;
  readonly #burst: number;
  readonly #maxClients: number;
  readonly #now: () => number;

  constructor(options: TokenBucketOptions) {
    if (!(options.perMinute > 0) || !(options.burst >= 1)) {
      throw new RangeError(`Rate limit needs perMinute > 0 and burst ≥ 1; got perMinute ${options.perMinute}, burst ${options.burst}.`);
    }
    this.#refillPerMs = options.perMinute / 60_000;
    this.#burst = options.burst;
    this.#maxClients = options.maxClients ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Takes one token for `key`: true if the request may go ahead, false if it must wait. */
  take(key: string): boolean {
    const now = this.#now();
    const bucket = this.#refreshed(key, now);
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    this.#forgetOldest();
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Clients currently tracked. */
  get size(): number {
    return this.#buckets.size;
  }

  #refreshed(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: this.#burst, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    return { tokens: Math.min(this.#burst, bucket.tokens + elapsed * this.#refillPerMs), updatedAt: now };
  }

  #forgetOldest(): void {
    for (const [key] of this.#buckets) {
      if (this.#buckets.size <= this.#maxClients) return;
      this.#buckets.delete(key);
    }
  }
}

/** The limit the share image routes use for cold renders: 20 per minute, 10 at once. */
export function createShareImageLimiter(): TokenBucketLimiter {
  return new TokenBucketLimiter({ perMinute: 20, burst: 10 });
}
