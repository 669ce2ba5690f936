import { StorageUnavailableError } from '../storage/errors.ts';
import { HttpError } from './http-error.ts';
import { log } from './log.ts';

/** Errors that mean the disk refuses writes for now (full, over quota, remounted read-only). */
const UNWRITABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);
const RETRY_AFTER_SECONDS = 30;

/** The errno code of an error or of what caused it. */
function codeOf(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code) return code;
  }
  return undefined;
}

/**
 * A full disk fails every write at once: thousands of beacons a second. Each gets a 503 with
 * Retry-After (the client's keepalive beacon or the player's retry comes back later), and the log
 * gets one line when the trouble starts and one when writes work again, not a stack per request.
 */
export class StorageTrouble {
  #since: Date | undefined;
  #refused = 0;
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  /** The 503 for an unwritable-disk error, else undefined. */
  refusal(error: unknown, now = new Date()): HttpError | undefined {
    // The database away (PostgreSQL restarting, the network down) is the same trouble as a full disk.
    const code = error instanceof StorageUnavailableError ? 'database unreachable' : codeOf(error);
    if (!code || !(UNWRITABLE.has(code) || error instanceof StorageUnavailableError)) return undefined;
    if (!this.#since) {
      this.#since = now;
      this.#log(`[rekindle] storage refuses writes (${code}); answering 503 until it accepts them again`);
    }
    this.#refused += 1;
    return new HttpError(503, 'storage-unavailable', 'The server cannot save right now. Try again in a minute.', {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }

  /** Called after a request that did not hit the trouble: ends an episode with its one summary line. */
  recovered(now = new Date()): void {
    if (!this.#since) return;
    const seconds = Math.round((now.getTime() - this.#since.getTime()) / 1000);
    this.#log(`[rekindle] storage accepts writes again after ${seconds} s; ${this.#refused} requests were refused meanwhile`);
    this.#since = undefined;
    this.#refused = 0;
  }
}

export const storageTrouble = new StorageTrouble((line) => log.warn(line));
