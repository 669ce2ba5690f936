import { createHash } from 'node:crypto';
import type { AdminStore } from './types.ts';

/** Failures kept per client at most: the limit never looks further back than its last few. */
const FAILURES_PER_CLIENT = 32;

/**
 * The admin store in one process's memory, for the memory store and the embedded store (one
 * server per data folder, so one process sees every sign-in). Bounded: past `maxTrackedClients`
 * the clients that failed least recently are dropped, so a flood of addresses cannot exhaust
 * memory. Sign-outs do not survive a restart; a session still expires on its own.
 */
export function memoryAdminStore({ maxTrackedClients = 10_000 } = {}): AdminStore & { readonly trackedClients: number } {
  /** Map order doubles as least-recently-failed order. */
  const failures = new Map<string, number[]>();
  const revoked = new Map<string, number>();

  return {
    get trackedClients() {
      return failures.size;
    },
    async recordLoginFailure(client, at) {
      const times = [...(failures.get(client) ?? []), at].slice(-FAILURES_PER_CLIENT);
      failures.delete(client);
      failures.set(client, times);
      for (const stalest of failures.keys()) {
        if (failures.size <= maxTrackedClients) break;
        failures.delete(stalest);
      }
    },
    async loginFailures(client, since) {
      return (failures.get(client) ?? []).filter((at) => at > since);
    },
    async clearLoginFailures(client) {
      failures.delete(client);
    },
    async revokeSession(session, until) {
      for (const [key, expiry] of revoked) if (expiry <= Date.now()) revoked.delete(key);
      revoked.set(sessionKey(session), until);
    },
    async isSessionRevoked(session, now) {
      return (revoked.get(sessionKey(session)) ?? 0) > now;
    },
  };
}

/** Sessions are kept by hash: a store never holds a usable cookie. */
export function sessionKey(session: string): string {
  return createHash('sha256').update(session).digest('base64url');
}
