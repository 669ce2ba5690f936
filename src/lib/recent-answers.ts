/**
 * Answers about files kept for a short while: a play page and a share image look up the same
 * project pictures on every request, and resolving, stat-ing and hashing them each time was a
 * tenth of a page's CPU. An author's edit still shows within `maxAgeMs`. Failures are not kept.
 */
export class RecentAnswers<T> {
  readonly #maxAgeMs: number;
  readonly #answers = new Map<string, { at: number; value: T }>();

  constructor(maxAgeMs: number) {
    this.#maxAgeMs = maxAgeMs;
  }

  async get(key: string, lookUp: () => Promise<T>): Promise<T> {
    const recent = this.#answers.get(key);
    if (recent && Date.now() - recent.at < this.#maxAgeMs) return recent.value;
    const value = await lookUp();
    this.#answers.set(key, { at: Date.now(), value });
    return value;
  }
}
