import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../../src/storage/local/index.ts';
import { parseShardJson } from '../../../src/storage/local/link-shards.ts';

/** Shard JSON as the store writes it: JSON.stringify of columns, stored as UTF-8. */
const stored = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

describe('parseShardJson', () => {
  it('reads back every kind of name a customer file can hold', () => {
    const names = [
      'Анна',
      'Покупатель 12',
      'Zoë «ёлка» — 🎄',
      'a "quoted" \\ name',
      'tab\there',
      'line\nbreak',
      '\u0001control',
      'ÿ\u00a0nbsp',
      '日本語',
      null,
    ];
    const columns = {
      token: ['tok-1', 'tok-2'],
      customerId: ['К-1', 'C2'],
      name: names,
      importedAt: [['2026-12-07T20:00:00.000Z', 2]],
      spend: [1, null],
    };
    expect(parseShardJson(stored(columns))).toEqual(columns);
  });

  it('reads a shard whose JSON escapes a lone surrogate, which Latin-1 cannot hold', () => {
    const columns = { name: ['broken \ud800 half', 'Анна'] };
    expect(parseShardJson(stored(columns))).toEqual(columns);
  });
});

describe('local link lookups of non-ASCII text', () => {
  it('find links by Cyrillic customer ids and return their names decoded, on first and later lookups', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rekindle-shard-text-'));
    const links = Array.from({ length: 40 }, (_, index) => ({
      project: 'p',
      token: `token-${String(index).padStart(16, '0')}`,
      customerId: `Клиент-${index}`,
      name: `Покупатель «${index}» 🎄`,
      segment: 'спящие',
      group: 'target' as const,
      importedAt: '2026-12-07T20:00:00.000Z',
    }));
    try {
      const writer = await createLocalStorage({ dataDir, cachedLinkShards: 2 });
      await writer.links.add('p', links);
      await writer.close();
      const storage = await createLocalStorage({ dataDir, cachedLinkShards: 2 });
      for (const round of [1, 2]) {
        for (const link of links) {
          expect(await storage.links.byToken('p', link.token), `round ${round}`).toEqual(link);
          expect(await storage.links.byCustomerId('p', link.customerId), `round ${round}`).toEqual(link);
        }
      }
      await storage.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
