import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKey, MIN_KEY_BYTES } from '../../../src/server/cookie-signature.ts';

const folder = () => mkdtempSync(path.join(tmpdir(), 'rekindle-key-'));

describe('loadOrCreateKey', () => {
  it('refuses an empty or short key file (what a full disk left behind) instead of signing with it', () => {
    for (const length of [0, MIN_KEY_BYTES - 1]) {
      const file = path.join(folder(), 'player-cookie.key');
      writeFileSync(file, Buffer.alloc(length));
      expect(() => loadOrCreateKey(file)).toThrow(new RegExp(`holds ${length} bytes`));
    }
  });

  it('creates a private key of full length, leaves no temporary file, and keeps it', () => {
    const dir = folder();
    const file = path.join(dir, 'player-cookie.key');
    const key = loadOrCreateKey(file);
    expect(key.length).toBe(MIN_KEY_BYTES);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['player-cookie.key']);
    expect(loadOrCreateKey(file).equals(key)).toBe(true);
  });
});
