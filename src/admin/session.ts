import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Admin sessions: the cookie carries its own expiry and an HMAC over it, so any app instance
 * that shares the secret accepts it without a session table. Only sign-outs are stored
 * (`storage.admin.revokeSession`, checked by guard.ts), so a copy of the cookie stolen before
 * stops working too; changing the password or secret revokes every session at once.
 */

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Distinct labels keep a session signature from ever being valid as a CSRF token, and back. */
const SESSION_LABEL = 'rekindle-admin-session.v1';
const CSRF_LABEL = 'rekindle-admin-csrf.v1';
const DEVICE_LABEL = 'rekindle-admin-device.v1';

export type SessionCheck = { valid: true; expiresAt: Date } | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/** `<expires ms>.<nonce>.<signature>`; the nonce makes two logins in one millisecond differ. */
export function signSession(secret: Buffer, now: Date, ttlMs = SESSION_TTL_MS): string {
  const payload = `${now.getTime() + ttlMs}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(secret, SESSION_LABEL, payload)}`;
}

export function verifySession(secret: Buffer, value: string | undefined, now: Date): SessionCheck {
  const parts = value?.split('.');
  if (parts?.length !== 3) return { valid: false, reason: 'malformed' };
  const [expires, nonce, signature] = parts as [string, string, string];
  if (!/^\d{1,15}$/.test(expires) || !/^[\w-]{8,64}$/.test(nonce)) return { valid: false, reason: 'malformed' };
  if (!sameText(signature, sign(secret, SESSION_LABEL, `${expires}.${nonce}`))) {
    return { valid: false, reason: 'bad-signature' };
  }
  const expiresAt = Number(expires);
  if (expiresAt <= now.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true, expiresAt: new Date(expiresAt) };
}

/**
 * A CSRF token bound to something only this browser holds (a pre-login cookie or the session
 * cookie), so a page on another site can neither read nor forge it.
 */
export function csrfToken(secret: Buffer, binding: string): string {
  return sign(secret, CSRF_LABEL, binding);
}

export function verifyCsrf(secret: Buffer, binding: string | undefined, token: string | undefined): boolean {
  if (!binding || !token) return false;
  return sameText(token, csrfToken(secret, binding));
}

/**
 * A browser that has signed in before keeps a signed device cookie, so its login attempts are
 * counted apart from everyone else's (OWASP's "device cookies"): a stranger who exhausts the
 * failure limit of an address shared behind a proxy does not lock the team out.
 */
export function newDeviceCookie(secret: Buffer): string {
  const id = randomBytes(12).toString('base64url');
  return `${id}.${sign(secret, DEVICE_LABEL, id)}`;
}

/** The device id of a genuine device cookie, else undefined. */
export function knownDevice(secret: Buffer, value: string | undefined): string | undefined {
  const [id, signature, extra] = value?.split('.') ?? [];
  if (!id || !signature || extra !== undefined || !/^[\w-]{16}$/.test(id)) return undefined;
  return sameText(signature, sign(secret, DEVICE_LABEL, id)) ? id : undefined;
}

/** A random value for the pre-login CSRF cookie. */
export function newCsrfBinding(): string {
  return randomBytes(18).toString('base64url');
}

function sign(secret: Buffer, label: string, payload: string): string {
  return createHmac('sha256', secret).update(`${label}\n${payload}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
