import { describe, expect, it } from 'vitest';
import { attemptLogin, readSmallForm, safeAdminPath, type LoginAttempt } from '../../../src/admin/login.ts';
import { LoginLimiter } from '../../../src/admin/login-limiter.ts';
import { hashPassword } from '../../../src/admin/password.ts';
import { csrfToken, verifySession } from '../../../src/admin/session.ts';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const binding = 'pre-login-binding-value1';
const now = new Date('2021-01-10T12:00:00Z');
const passwordHash = await hashPassword('demo', { ln: 10, r: 8, p: 1 });

function attempt(overrides: Partial<LoginAttempt> = {}): LoginAttempt {
  return {
    auth: { configured: true, passwordHash, secret },
    client: '203.0.113.7',
    password: 'demo',
    csrfToken: csrfToken(secret, binding),
    csrfBinding: binding,
    now,
    limiter: new LoginLimiter({ maxFailures: 3 }),
    ...overrides,
  };
}

describe('attemptLogin', () => {
  it('signs in with the right password and a valid form token', async () => {
    const outcome = await attemptLogin(attempt());
    expect(outcome.kind).toBe('signed-in');
    if (outcome.kind === 'signed-in') expect(verifySession(secret, outcome.session, now).valid).toBe(true);
  });

  it('counts down the attempts left, then answers rate-limited even for the right password', async () => {
    const limiter = new LoginLimiter({ maxFailures: 3 });
    expect(await attemptLogin(attempt({ limiter, password: 'x' }))).toEqual({ kind: 'wrong-password', attemptsLeft: 2 });
    expect(await attemptLogin(attempt({ limiter, password: 'y' }))).toEqual({ kind: 'wrong-password', attemptsLeft: 1 });
    expect(await attemptLogin(attempt({ limiter, password: 'z' }))).toMatchObject({ kind: 'rate-limited' });
    expect(await attemptLogin(attempt({ limiter }))).toEqual({ kind: 'rate-limited', retryAfterSeconds: 15 * 60 });
  });

  it('lets a browser that signed in before in while strangers have used up the shared address', async () => {
    const limiter = new LoginLimiter({ maxFailures: 3 });
    const first = await attemptLogin(attempt({ limiter }));
    if (first.kind !== 'signed-in') throw new Error('the first login failed');
    for (const guess of ['x', 'y', 'z']) await attemptLogin(attempt({ limiter, password: guess }));
    expect(await attemptLogin(attempt({ limiter }))).toMatchObject({ kind: 'rate-limited' });
    expect(await attemptLogin(attempt({ limiter, device: first.device }))).toMatchObject({ kind: 'signed-in', device: first.device });
    const forged = `${first.device.split('.')[0]}.forged-signature`;
    expect(await attemptLogin(attempt({ limiter, device: forged }))).toMatchObject({ kind: 'rate-limited' });
  });

  it('refuses a form without its CSRF token, without spending an attempt', async () => {
    const limiter = new LoginLimiter({ maxFailures: 3 });
    expect(await attemptLogin(attempt({ limiter, csrfToken: undefined }))).toEqual({ kind: 'stale-form' });
    expect(await attemptLogin(attempt({ limiter, csrfBinding: 'another-browser-binding1' }))).toEqual({ kind: 'stale-form' });
    expect(await limiter.failures('address:203.0.113.7', now)).toBe(0);
  });

  it('treats a missing or oversized password as wrong', async () => {
    expect(await attemptLogin(attempt({ password: undefined }))).toMatchObject({ kind: 'wrong-password' });
    expect(await attemptLogin(attempt({ password: 'd'.repeat(5000) }))).toMatchObject({ kind: 'wrong-password' });
  });
});

describe('safeAdminPath', () => {
  it('keeps paths inside /admin', () => {
    expect(safeAdminPath('/admin/new-year-traditions?lang=en')).toBe('/admin/new-year-traditions?lang=en');
    expect(safeAdminPath('/admin')).toBe('/admin');
  });

  it('refuses anything that could leave the dashboard', () => {
    expect(safeAdminPath('https://evil.example/admin')).toBe('/admin');
    expect(safeAdminPath('//evil.example/admin')).toBe('/admin');
    expect(safeAdminPath('/admin//evil.example')).toBe('/admin');
    expect(safeAdminPath('/administrator')).toBe('/admin');
    expect(safeAdminPath('/admin\\@evil.example')).toBe('/admin');
    expect(safeAdminPath(null)).toBe('/admin');
  });
});

describe('readSmallForm', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    new Request('http://localhost/admin/login', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('reads a small url-encoded form', async () => {
    const form = await readSmallForm(post('password=demo&csrf=abc', { 'content-length': '22' }));
    expect(form?.get('password')).toBe('demo');
  });

  it('refuses a body larger than the limit before reading it', async () => {
    const body = `password=${'x'.repeat(5000)}`;
    expect(await readSmallForm(post(body, { 'content-length': String(body.length) }))).toBeUndefined();
  });
});
