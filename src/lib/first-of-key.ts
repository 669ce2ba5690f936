/**
 * The first entry of each key, among entries added one by one: an open-addressing table of
 * entry numbers (the caller's, e.g. batch positions) and their keys' 32-bit hashes, in typed
 * arrays. Keys are compared, through the caller, only when hashes match, so finding a repeated
 * key among a million needs no string per key.
 */
export class FirstOfKey {
  #bits = 6;
  /** 1 + the entry in each slot; 0 for an empty slot. */
  #slots = new Uint32Array(1 << this.#bits);
  #hashes = new Uint32Array(1 << this.#bits);
  #size = 0;

  /**
   * The earlier entry whose key equals this one's (`isSameKey` says, given that entry), or
   * undefined once `entry` is added as the first of its key.
   */
  firstOrAdd(hash: number, entry: number, isSameKey: (earlier: number) => boolean): number | undefined {
    for (let slot = this.#slotOf(hash); ; slot = (slot + 1) & (this.#slots.length - 1)) {
      const stored = this.#slots[slot] ?? 0;
      if (stored === 0) {
        this.#place(slot, hash, entry);
        return undefined;
      }
      if (this.#hashes[slot] === hash && isSameKey(stored - 1)) return stored - 1;
    }
  }

  #place(slot: number, hash: number, entry: number): void {
    this.#slots[slot] = entry + 1;
    this.#hashes[slot] = hash;
    // At most half full, so a probe ends at an empty slot after a step or two.
    if (++this.#size * 2 <= this.#slots.length) return;
    const [slots, hashes] = [this.#slots, this.#hashes];
    this.#bits++;
    this.#slots = new Uint32Array(1 << this.#bits);
    this.#hashes = new Uint32Array(1 << this.#bits);
    slots.forEach((stored, old) => {
      if (stored === 0) return;
      let free = this.#slotOf(hashes[old] ?? 0);
      while (this.#slots[free] !== 0) free = (free + 1) & (this.#slots.length - 1);
      this.#slots[free] = stored;
      this.#hashes[free] = hashes[old] ?? 0;
    });
  }

  /**
   * The hash's top bits, mixed (Fibonacci hashing): keys of one shard share their hash's low
   * bits (the shard is the hash modulo the shard count), so those bits alone would pile every
   * key of a shard into a few slots.
   */
  #slotOf(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> (32 - this.#bits);
  }
}
