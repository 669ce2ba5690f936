import type { AdminAuth } from './auth.ts';
import { getStorage } from '../storage/index.ts';
import { LoginLimiter, type LoginAllowance } from './login-limiter.ts';
import { verifyPassword } from './password.ts';
import { knownDevice, newDeviceCookie, signSession, verifyCsrf } from './session.ts';

type ConfiguredAuth = Extract<AdminAuth, { configured: true }>;

/** Longer input is refused before hashing, so nobody can make the server scrypt megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

export type LoginOutcome =
  | { kind: 'signed-in'; session: string; device: string }
  | { kind: 'wrong-password'; attemptsLeft: number }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'stale-form' };

export interface LoginAttempt {
  auth: ConfiguredAuth;
  /** Client address the failure limit is counted by (see public-origin.ts for proxies). */
  client: string;
  /** The browser's device cookie from an earlier sign-in, if any. */
  device?: string | undefined;
  password: string | undefined;
  csrfToken: string | undefined;
  /** The pre-login cookie the CSRF token was issued for. */
  csrfBinding: string | undefined;
  now: Date;
  limiter: LoginLimiter;
}

/**
 * One login form submission, in the order that keeps guessing expensive: the failure limit
 * first (no scrypt work for a blocked client), then the CSRF token, then the password.
 */
export async function attemptLogin(attempt: LoginAttempt): Promise<LoginOutcome> {
  const { auth, password, now, limiter } = attempt;
  const device = knownDevice(auth.secret, attempt.device);
  const client = device ? `device:${device}` : `address:${attempt.client}`;
  const allowance: LoginAllowance = await limiter.check(client, now);
  if (!allowance.allowed) return { kind: 'rate-limited', retryAfterSeconds: allowance.retryAfterSeconds };
  if (!verifyCsrf(auth.secret, attempt.csrfBinding, attempt.csrfToken)) return { kind: 'stale-form' };
  const matches =
    password !== undefined &&
    password.length > 0 &&
    password.length <= MAX_PASSWORD_LENGTH &&
    (await verifyPassword(password, auth.passwordHash));
  if (!matches) {
    await limiter.recordFailure(client, now);
    const after = await limiter.check(client, now);
    if (!after.allowed) return { kind: 'rate-limited', retryAfterSeconds: after.retryAfterSeconds };
    return { kind: 'wrong-password', attemptsLeft: limiter.maxFailures - (await limiter.failures(client, now)) };
  }
  await limiter.recordSuccess(client);
  return {
    kind: 'signed-in',
    session: signSession(auth.secret, now),
    device: device ? (attempt.device ?? '') : newDeviceCookie(auth.secret),
  };
}

/** The limiter the login page uses, counting in the server's store (shared by every instance on PostgreSQL). */
export async function serverLoginLimiter(): Promise<LoginLimiter> {
  return new LoginLimiter({ store: (await getStorage()).admin });
}

/**
 * Where to go after login: only a path inside /admin, so the login form cannot be turned into
 * an open redirect to another site.
 */
export function safeAdminPath(next: string | null | undefined): string {
  if (!next || !/^\/admin(?:[/?#]|$)/.test(next) || next.includes('//') || next.includes('\\')) return '/admin';
  return next;
}

/** Admin forms carry a password and a token: anything bigger is not one of ours. */
const FORM_LIMIT_BYTES = 4096;

/**
 * The posted form, or undefined when it is too large, not a form, or not declared with a
 * Content-Length (browsers always declare one for url-encoded forms).
 */
export async function readSmallForm(request: Request, limit = FORM_LIMIT_BYTES): Promise<FormData | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!Number.isInteger(declared) || declared <= 0 || declared > limit) return undefined;
  try {
    return await request.formData();
  } catch {
    return undefined;
  }
}

/** A form field as a string; files and missing fields are undefined. */
export function formText(form: FormData | undefined, name: string): string | undefined {
  const value = form?.get(name);
  return typeof value === 'string' ? value : undefined;
}
