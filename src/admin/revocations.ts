import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../storage/local/durable-fs.ts';
import { dataDirFromEnv } from '../storage/index.ts';

/**
 * Sessions signed out before they expired. A session cookie is stateless (session.ts), so a copy
 * saved before logout would otherwise stay valid for up to 12 hours. The list lives beside the
 * data, written atomically, and is read again whenever another process changed it; entries go
 * once their session has expired anyway, so it stays as small as the sign-outs of half a day.
 */
export class SessionRevocations {
  readonly #file: string;
  /** Revoked session → its expiry (ms). */
  #revoked = new Map<string, number>();
  #loadedVersion = '';

  constructor(file: string) {
    this.#file = file;
  }

  isRevoked(session: string): boolean {
    this.#reloadIfChanged();
    return this.#revoked.has(session);
  }

  async revoke(session: string, expiresAt: Date, now = new Date()): Promise<void> {
    this.#reloadIfChanged();
    this.#revoked.set(session, expiresAt.getTime());
    for (const [revoked, expiry] of this.#revoked) if (expiry <= now.getTime()) this.#revoked.delete(revoked);
    await writeFileAtomically(this.#file, JSON.stringify(Object.fromEntries(this.#revoked)));
    this.#loadedVersion = versionOf(this.#file);
  }

  #reloadIfChanged(): void {
    const version = versionOf(this.#file);
    if (version === this.#loadedVersion) return;
    this.#loadedVersion = version;
    this.#revoked = version === '' ? new Map() : new Map(Object.entries(JSON.parse(readFileSync(this.#file, 'utf8')) as Record<string, number>));
  }
}

/** Changes whenever the file is replaced; empty when there is none. */
function versionOf(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
  } catch {
    return '';
  }
}

const SHARED = Symbol.for('rekindle.admin-revocations');
type WithSharedRevocations = typeof globalThis & { [SHARED]?: SessionRevocations };

/** The deployment's list, in REKINDLE_DATA_DIR. */
export function sessionRevocations(): SessionRevocations {
  const holder = globalThis as WithSharedRevocations;
  holder[SHARED] ??= new SessionRevocations(path.join(dataDirFromEnv(), 'admin-revoked-sessions.json'));
  return holder[SHARED];
}
