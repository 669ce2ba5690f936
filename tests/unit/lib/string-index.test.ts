import { describe, expect, it } from 'vitest';
import { StringIndex } from '../../../src/lib/string-index.ts';

describe('StringIndex', () => {
  it('finds the number of each of many strings, and nothing for a string it was not given', () => {
    const index = new StringIndex();
    const keys = Array.from({ length: 20_000 }, (_, position) => `token-${position}-${'ё'.repeat(position % 3)}`);
    keys.forEach((key, position) => index.set(key, position));
    expect(keys.every((key, position) => index.get(key) === position)).toBe(true);
    expect(index.get('token-20000-')).toBeUndefined();
    expect(index.get('')).toBeUndefined();
  });

  it('keeps the first number set for a string', () => {
    const index = new StringIndex();
    index.set('C1', 0);
    index.set('C2', 1);
    index.set('C1', 2);
    expect([index.get('C1'), index.get('C2')]).toEqual([0, 1]);
  });
});
