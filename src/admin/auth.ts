import { createHash, createHmac } from 'node:crypto';
import { settings, takeAdminPassword } from '../environment/index.ts';
import { DEFAULT_SCRYPT, deriveKey, hashPassword } from './password.ts';

/**
 * Where the admin password and the session secret come from. Only the environment (checked by
 * src/environment): there is no admin user table, one password per deployment is what a CRM
 * team's dashboard needs.
 *
 * - `REKINDLE_ADMIN_PASSWORD_HASH`: a scrypt hash (`npm run rekindle -- hash-password`). Preferred:
 *   the plain password never reaches the server.
 * - `REKINDLE_ADMIN_PASSWORD`: the plain password, hashed once at startup and then forgotten.
 * - `REKINDLE_SESSION_SECRET` (optional): the HMAC key for session cookies. Without it the key is
 *   derived from the password, so every instance with the same password accepts the same cookies
 *   and changing the password signs everybody out.
 */
export type AdminAuth = { configured: false } | { configured: true; passwordHash: string; secret: Buffer };

/** The admin settings, already checked: a well-formed hash, a long enough secret. */
export interface AdminAuthSettings {
  password?: string | undefined;
  passwordHash?: string | undefined;
  sessionSecret?: string | undefined;
}

/** Fixed salt for deriving the session key from a plain password: it must be the same on every instance. */
const SESSION_KEY_SALT = 'rekindle-admin-session-key.v1';

export async function adminAuthFrom({ password, passwordHash, sessionSecret }: AdminAuthSettings): Promise<AdminAuth> {
  const explicitSecret = sessionSecret ? createHash('sha256').update(sessionSecret).digest() : undefined;
  if (passwordHash) {
    const secret = explicitSecret ?? createHmac('sha256', passwordHash).update(SESSION_KEY_SALT).digest();
    return { configured: true, passwordHash, secret };
  }
  if (password) {
    const secret = explicitSecret ?? (await deriveKey(password, SESSION_KEY_SALT, 32, DEFAULT_SCRYPT));
    return { configured: true, passwordHash: await hashPassword(password), secret };
  }
  return { configured: false };
}

/**
 * Kept on globalThis rather than in a module variable: the dev server may evaluate this module
 * again, and by then the plain password is gone.
 */
const SHARED = Symbol.for('rekindle.admin-auth');
type WithSharedAuth = typeof globalThis & { [SHARED]?: Promise<AdminAuth> };

/** The deployment's admin auth, made from the settings on first use and kept for the process. */
export function adminAuth(): Promise<AdminAuth> {
  const holder = globalThis as WithSharedAuth;
  if (!holder[SHARED]) {
    const { adminPasswordHash, sessionSecret } = settings();
    holder[SHARED] = adminAuthFrom({ password: takeAdminPassword(), passwordHash: adminPasswordHash, sessionSecret });
  }
  return holder[SHARED];
}
