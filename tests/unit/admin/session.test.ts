import { describe, expect, it } from 'vitest';
import { csrfToken, newCsrfBinding, signSession, verifyCsrf, verifySession } from '../../../src/admin/session.ts';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const otherSecret = Buffer.from('fedcba9876543210fedcba9876543210');
const now = new Date('2021-01-10T12:00:00Z');
const hour = 60 * 60 * 1000;

describe('admin session cookie', () => {
  it('is accepted until it expires', () => {
    const cookie = signSession(secret, now, hour);
    expect(verifySession(secret, cookie, now)).toEqual({ valid: true, expiresAt: new Date(now.getTime() + hour) });
    expect(verifySession(secret, cookie, new Date(now.getTime() + hour - 1)).valid).toBe(true);
    expect(verifySession(secret, cookie, new Date(now.getTime() + hour))).toEqual({ valid: false, reason: 'expired' });
  });

  it('is refused when its expiry is pushed forward', () => {
    const [expires, nonce, signature] = signSession(secret, now, hour).split('.');
    const forged = `${Number(expires) + 365 * 24 * hour}.${nonce}.${signature}`;
    expect(verifySession(secret, forged, now)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('is refused under another secret (another deployment or a changed password)', () => {
    expect(verifySession(otherSecret, signSession(secret, now), now)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('is refused when missing or malformed', () => {
    expect(verifySession(secret, undefined, now).valid).toBe(false);
    expect(verifySession(secret, 'admin', now)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifySession(secret, '1.2.3.4', now)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('differs between two logins in the same millisecond', () => {
    expect(signSession(secret, now)).not.toBe(signSession(secret, now));
  });
});

describe('CSRF token', () => {
  it('matches only its own binding and secret', () => {
    const binding = newCsrfBinding();
    const token = csrfToken(secret, binding);
    expect(verifyCsrf(secret, binding, token)).toBe(true);
    expect(verifyCsrf(secret, newCsrfBinding(), token)).toBe(false);
    expect(verifyCsrf(otherSecret, binding, token)).toBe(false);
    expect(verifyCsrf(secret, undefined, token)).toBe(false);
    expect(verifyCsrf(secret, binding, undefined)).toBe(false);
  });

  it('cannot be used as a session signature', () => {
    const [expires, nonce] = signSession(secret, now, hour).split('.');
    const payload = `${expires}.${nonce}`;
    expect(verifySession(secret, `${payload}.${csrfToken(secret, payload)}`, now).valid).toBe(false);
  });
});
