import { createHash, createHmac } from 'node:crypto';
import { DEFAULT_SCRYPT, deriveKey, hashPassword, parsePasswordHash, PasswordHashError } from './password.ts';

/**
 * Where the admin password and the session secret come from. Only the environment: there is no
 * admin user table, one password per deployment is what a CRM team's dashboard needs.
 *
 * - `REKINDLE_ADMIN_PASSWORD_HASH`: a scrypt hash (`npm run rekindle -- hash-password`). Preferred:
 *   the plain password never reaches the server.
 * - `REKINDLE_ADMIN_PASSWORD`: the plain password, hashed once at startup and then removed from
 *   `process.env`, so later code (and child processes) cannot read it back.
 * - `REKINDLE_SESSION_SECRET` (optional): the HMAC key for session cookies. Without it the key is
 *   derived from the password, so every instance with the same password accepts the same cookies
 *   and changing the password signs everybody out.
 */
export type AdminAuth =
  | { configured: false /** Set when a variable is present but unusable, to tell the operator why. */; problem?: string }
  | { configured: true; passwordHash: string; secret: Buffer };

const MIN_SESSION_SECRET_LENGTH = 32;
/** Fixed salt for deriving the session key from a plain password: it must be the same on every instance. */
const SESSION_KEY_SALT = 'rekindle-admin-session-key.v1';

type Environment = Record<string, string | undefined>;

export async function adminAuthFromEnv(env: Environment): Promise<AdminAuth> {
  const plain = env.REKINDLE_ADMIN_PASSWORD;
  delete env.REKINDLE_ADMIN_PASSWORD;
  const configuredHash = env.REKINDLE_ADMIN_PASSWORD_HASH?.trim();
  const sessionSecret = env.REKINDLE_SESSION_SECRET;

  if (sessionSecret !== undefined && sessionSecret.length < MIN_SESSION_SECRET_LENGTH) {
    return {
      configured: false,
      problem: `REKINDLE_SESSION_SECRET is ${sessionSecret.length} characters long; use at least ${MIN_SESSION_SECRET_LENGTH} random characters (e.g. \`openssl rand -base64 48\`) or unset it.`,
    };
  }
  const explicitSecret = sessionSecret ? createHash('sha256').update(sessionSecret).digest() : undefined;

  if (configuredHash) {
    try {
      parsePasswordHash(configuredHash);
    } catch (error) {
      if (error instanceof PasswordHashError) return { configured: false, problem: error.message };
      throw error;
    }
    const secret = explicitSecret ?? createHmac('sha256', configuredHash).update(SESSION_KEY_SALT).digest();
    return { configured: true, passwordHash: configuredHash, secret };
  }

  if (plain) {
    const passwordHash = await hashPassword(plain);
    const secret = explicitSecret ?? (await deriveKey(plain, SESSION_KEY_SALT, 32, DEFAULT_SCRYPT));
    return { configured: true, passwordHash, secret };
  }
  return { configured: false };
}

/**
 * Kept on globalThis rather than in a module variable: the dev server may evaluate this module
 * again, and by then the plain password is gone from the environment.
 */
const SHARED = Symbol.for('rekindle.admin-auth');
type WithSharedAuth = typeof globalThis & { [SHARED]?: Promise<AdminAuth> };

/** The deployment's admin auth, read from `process.env` on first use and kept for the process. */
export function adminAuth(): Promise<AdminAuth> {
  const holder = globalThis as WithSharedAuth;
  holder[SHARED] ??= adminAuthFromEnv(process.env);
  return holder[SHARED];
}
