import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Keeps a folder of cached files under a byte budget. Files are counted as they are written
 * (the folder is measured once, at the first write); when the total passes the budget, the
 * least recently used files (by modification time, which a cache hit renews) are removed until
 * it is down to PRUNE_TO of the budget. Only for files that can be made again: a viral card
 * must not fill the disk the links and events live on.
 */
export class DiskBudget {
  readonly #dir: string;
  readonly #maxBytes: number;
  #bytes: Promise<number> | undefined;
  #pruning: Promise<void> | undefined;

  constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
  }

  /** Counts a file just written, and prunes when the folder is over budget. */
  async added(bytes: number): Promise<void> {
    // The first count measures the folder, the new file included.
    const counted = this.#bytes ? this.#bytes.then((total) => total + bytes) : this.#measure();
    this.#bytes = counted;
    const total = await counted.catch((error: unknown) => {
      this.#bytes = undefined;
      throw error;
    });
    if (total > this.#maxBytes) await this.#prune();
  }

  /** Marks a file as just used, so pruning keeps it longer. */
  async used(file: string): Promise<void> {
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
  }

  async #measure(): Promise<number> {
    return (await this.#files()).reduce((total, file) => total + file.size, 0);
  }

  #prune(): Promise<void> {
    this.#pruning ??= this.#removeOldest().finally(() => (this.#pruning = undefined));
    return this.#pruning;
  }

  async #removeOldest(): Promise<void> {
    const files = (await this.#files()).sort((a, b) => a.modified - b.modified);
    let total = files.reduce((sum, file) => sum + file.size, 0);
    for (const file of files) {
      if (total <= this.#maxBytes * PRUNE_TO) break;
      await rm(file.path, { force: true });
      total -= file.size;
    }
    this.#bytes = Promise.resolve(total);
  }

  async #files(): Promise<{ path: string; size: number; modified: number }[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files = await Promise.all(
      names.map(async (name) => {
        const path = join(this.#dir, name);
        const info = await stat(path).catch(() => undefined);
        return info?.isFile() ? { path, size: info.size, modified: info.mtimeMs } : undefined;
      }),
    );
    return files.filter((file) => file !== undefined);
  }
}

/** Pruning goes below the budget, so that it does not run again at the very next write. */
const PRUNE_TO = 0.8;
