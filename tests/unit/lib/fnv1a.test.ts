import { describe, expect, it } from 'vitest';
import { fnv1a, fnv1aOfUtf8 } from '../../../src/lib/fnv1a.ts';

describe('fnv1a', () => {
  it('hashes the empty string and "a" to the published FNV-1a values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });

  it('gives the same hash for UTF-8 bytes as for the decoded string, at any offset', () => {
    const texts = ['C1', 'token-1-AbCdEfGhIjKlMn', 'Покупатель', 'mixed ё and ascii', '😀', ''];
    for (const text of texts) {
      const bytes = Buffer.concat([Buffer.from('prefix'), Buffer.from(text, 'utf8'), Buffer.from('suffix')]);
      expect(fnv1aOfUtf8({ bytes, start: 6, end: bytes.length - 6 })).toBe(fnv1a(text));
    }
  });
});
