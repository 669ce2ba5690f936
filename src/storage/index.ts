import { settings } from '../environment/index.ts';
import { createLocalStorage } from './local/index.ts';
import { createPostgresStorage } from './postgres/index.ts';
import type { Storage } from './types.ts';

export { createMemoryStorage } from './memory/index.ts';
export { StorageSettingError, StorageUnavailableError } from './errors.ts';
export type * from './types.ts';

/**
 * Opens PostgreSQL when `databaseUrl` is given (connecting and migrating first), else the
 * embedded store in `dataDir` (created if missing), replaying its logs.
 */
export function createStorage(options: { dataDir: string; databaseUrl?: string; asServer?: boolean }): Promise<Storage> {
  if (options.databaseUrl !== undefined) return createPostgresStorage({ url: options.databaseUrl });
  return createLocalStorage({ dataDir: options.dataDir, asServer: options.asServer });
}

/**
 * The store the settings select: REKINDLE_DATABASE_URL, or the data folder. `asServer`:
 * the embedded store admits one server per folder (CLI commands may run beside it).
 */
export function createConfiguredStorage(options: { asServer?: boolean } = {}): Promise<Storage> {
  const { dataDir, databaseUrl } = settings();
  return createStorage({ dataDir, databaseUrl, asServer: options.asServer });
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
  holder[SHARED] ??= createConfiguredStorage({ asServer: true }).catch((error: unknown) => {
    delete holder[SHARED];
    throw error;
  });
  return holder[SHARED];
}
