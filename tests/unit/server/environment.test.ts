import { describe, expect, it } from 'vitest';
import { environmentProblems } from '../../../src/server/environment.ts';

describe('environmentProblems', () => {
  it('accepts a good setting of everything, and nothing set at all', () => {
    expect(environmentProblems({})).toEqual([]);
    expect(
      environmentProblems({
        PORT: '8080',
        REKINDLE_PUBLIC_URL: 'https://promo.example.ru',
        REKINDLE_SESSION_SECRET: 'x'.repeat(32),
        REKINDLE_API_KEY: 'k'.repeat(16),
        REKINDLE_SHARE_CACHE_MB: '512',
      }),
    ).toEqual([]);
  });

  it('names each bad setting, its value (not for secrets) and what it should be', () => {
    expect(
      environmentProblems({
        PORT: '80a',
        REKINDLE_PUBLIC_URL: 'promo.example.ru',
        REKINDLE_SESSION_SECRET: 'short',
        REKINDLE_API_KEY: 'key',
        REKINDLE_SHARE_CACHE_MB: '1 GB',
      }),
    ).toEqual([
      'PORT="80a": expected a port number from 1 to 65535',
      'REKINDLE_PUBLIC_URL="promo.example.ru": expected the public address, e.g. https://promo.example.ru',
      'REKINDLE_SESSION_SECRET: is 5 characters; use at least 32 random ones',
      'REKINDLE_API_KEY: is 3 characters; use at least 16 random ones',
      'REKINDLE_SHARE_CACHE_MB="1 GB": expected a number of megabytes greater than 0, e.g. 2048',
    ]);
    expect(environmentProblems({ PORT: '70000' })).toHaveLength(1);
  });
});
