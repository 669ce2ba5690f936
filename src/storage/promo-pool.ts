/**
 * Who holds which code of one promo pool, for the stores that keep it in process memory. Both
 * decide a claim synchronously (no await between finding a free code and marking it taken), so
 * JavaScript's single thread acts as the per-pool mutex and two players can never be handed
 * the same code.
 */
export class PromoPool {
  /** The loaded codes in file order; claims take the first free one. */
  #codes: string[] = [];
  #known = new Set<string>();
  #codeByPlayer = new Map<string, string>();
  #taken = new Set<string>();
  /** Every code before this index of `#codes` is taken; only speeds up the search. */
  #cursor = 0;

  get takenCount(): number {
    return this.#taken.size;
  }

  /** Adds the codes not loaded before, after the ones that were, keeping every holder. */
  load(codes: readonly string[]): void {
    for (const code of codes) {
      if (this.#known.has(code)) continue;
      this.#known.add(code);
      this.#codes.push(code);
    }
  }

  codeOf(player: string): string | undefined {
    return this.#codeByPlayer.get(player);
  }

  /** Marks the first free code (in file order) as the player's; undefined when all are taken. */
  takeNext(player: string): string | undefined {
    const codes = this.#codes;
    for (let index = this.#cursor; index < codes.length; index++) {
      const code = codes[index];
      if (code === undefined || this.#taken.has(code)) continue;
      this.#cursor = index + 1;
      this.assign(player, code);
      return code;
    }
    this.#cursor = codes.length;
    return undefined;
  }

  assign(player: string, code: string): void {
    this.#codeByPlayer.set(player, code);
    this.#taken.add(code);
  }

  /** Undoes a claim whose write failed; the code becomes free again. */
  release(player: string, code: string): void {
    this.#codeByPlayer.delete(player);
    this.#taken.delete(code);
    this.#cursor = 0;
  }
}
