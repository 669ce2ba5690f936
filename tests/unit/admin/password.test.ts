import { describe, expect, it } from 'vitest';
import { adminAuthFrom } from '../../../src/admin/auth.ts';
import { hashPassword, parsePasswordHash, PasswordHashError, verifyPassword } from '../../../src/admin/password.ts';

// Cheap parameters keep the tests fast; the format and the code path are the production ones.
const FAST = { ln: 10, r: 8, p: 1 };

describe('admin password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('верю-не-верю', FAST);
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await verifyPassword('верю-не-верю', hash)).toBe(true);
    expect(await verifyPassword('верю-не-верю ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    expect(await hashPassword('demo', FAST)).not.toBe(await hashPassword('demo', FAST));
  });

  it('refuses an empty password', async () => {
    await expect(hashPassword('', FAST)).rejects.toThrow(/empty/);
  });

  it('explains a malformed hash and absurd parameters', () => {
    expect(() => parsePasswordHash('sha256:abc')).toThrow(PasswordHashError);
    expect(() => parsePasswordHash('sha256:abc')).toThrow(/hash-password/);
    expect(() => parsePasswordHash('$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5')).toThrow(/ln=40/);
  });
});

describe('admin auth from the settings', () => {
  it('is unconfigured without a password', async () => {
    expect(await adminAuthFrom({})).toEqual({ configured: false });
  });

  it('accepts a hash and derives the same session key on every instance', async () => {
    const hash = await hashPassword('demo', FAST);
    const first = await adminAuthFrom({ passwordHash: hash });
    const second = await adminAuthFrom({ passwordHash: hash });
    expect(first.configured && second.configured && first.secret.equals(second.secret)).toBe(true);
  });

  it('hashes a plain password', async () => {
    const auth = await adminAuthFrom({ password: 'demo' });
    expect(auth.configured).toBe(true);
    if (auth.configured) expect(await verifyPassword('demo', auth.passwordHash)).toBe(true);
  });

  it('gives instances with the same plain password the same session key, and other passwords another', async () => {
    const [first, second, other] = await Promise.all(['demo', 'demo', 'demo2'].map((password) => adminAuthFrom({ password })));
    if (!first?.configured || !second?.configured || !other?.configured) throw new Error('expected configured auth');
    expect(first.passwordHash).not.toBe(second.passwordHash);
    expect(first.secret.equals(second.secret)).toBe(true);
    expect(first.secret.equals(other.secret)).toBe(false);
  });
});
