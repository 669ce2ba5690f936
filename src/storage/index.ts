import { resolve } from 'node:path';
import { createLocalStorage } from './local/index.ts';
import type { Storage } from './types.ts';

export { createMemoryStorage } from './memory/index.ts';
export type * from './types.ts';

/** Opens the embedded store in `dataDir` (created if missing) and replays its logs. */
export function createStorage({ dataDir }: { dataDir: string }): Promise<Storage> {
  return createLocalStorage({ dataDir });
}

/** REKINDLE_DATA_DIR, or ./data under the working directory; always absolute. */
export function dataDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.REKINDLE_DATA_DIR || 'data');
}

/**
 * Kept on globalThis rather than in a module variable: the dev server may evaluate this module
 * again, and two stores on one data dir in one process would each hold their own projections.
 */
const SHARED = Symbol.for('rekindle.storage');
type WithSharedStorage = typeof globalThis & { [SHARED]?: Promise<Storage> };

/** The server's store, opened from the environment on first use and shared by every request. */
export function getStorage(): Promise<Storage> {
  const holder = globalThis as WithSharedStorage;
  holder[SHARED] ??= createStorage({ dataDir: dataDirFromEnv() }).catch((error: unknown) => {
    delete holder[SHARED];
    throw error;
  });
  return holder[SHARED];
}
