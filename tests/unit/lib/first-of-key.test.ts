import { describe, expect, it } from 'vitest';
import { FirstOfKey } from '../../../src/lib/first-of-key.ts';
import { fnv1a } from '../../../src/lib/fnv1a.ts';

/** The first entry of each key, as FirstOfKey reports it while the keys are added in order. */
function firsts(keys: readonly string[], hashOf: (key: string) => number): (number | undefined)[] {
  const table = new FirstOfKey();
  return keys.map((key, entry) => table.firstOrAdd(hashOf(key), entry, (earlier) => keys[earlier] === key));
}

describe('FirstOfKey', () => {
  it('finds the first entry of a repeated key, and nothing for a new one, across growth', () => {
    const keys = Array.from({ length: 5000 }, (_, entry) => `C${entry % 3000}`);
    const expected = keys.map((_, entry) => (entry < 3000 ? undefined : entry - 3000));
    expect(firsts(keys, fnv1a)).toEqual(expected);
  });

  it('tells keys apart when their hashes are equal', () => {
    expect(firsts(['a', 'b', 'a', 'c', 'b'], () => 42)).toEqual([undefined, undefined, 0, undefined, 1]);
  });

  it('finds repeats among keys whose hashes share their low bits, as the keys of one shard do', () => {
    const keys = Array.from({ length: 3000 }, (_, entry) => `key-${entry}`);
    const sameLowBits = (key: string) => ((fnv1a(key) >>> 10) << 10) >>> 0;
    expect(firsts([...keys, ...keys], sameLowBits)).toEqual([...keys.map(() => undefined), ...keys.map((_, entry) => entry)]);
  });
});
