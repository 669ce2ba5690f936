import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../../src/storage/local/index.ts';
import { LINK_SHARDS, shardOf } from '../../../src/storage/local/link-shards.ts';
import type { LocalLinkStore } from '../../../src/storage/local/links.ts';
import type { LinkRecord } from '../../../src/storage/types.ts';

const PROJECT = 'p';
const AT = '2026-12-07T20:00:00.000Z';

/** Tokens a hand-made customer file could hold, beside nanoid ones: quotes, escapes, Cyrillic, emoji, one a prefix of another. */
const ODD_TOKENS = ['tok', 'tok-1', 'a"quoted"token', 'back\\slash', 'токен-ёлка', 'emoji-🎄-token', 'tab\there'];

function linkOf(token: string, index: number): LinkRecord {
  return {
    project: PROJECT,
    token,
    customerId: `Клиент-${index}`,
    group: index % 3 === 0 ? 'control' : 'target',
    importedAt: AT,
    ...(index % 2 === 0 ? { name: `Покупатель «${index}»`, segment: 'спящие', spend: index * 10 } : {}),
    ...(index % 4 === 1 ? { arm: 'b' } : {}),
    // A control character is stored as a \u escape, so this link's shard is read as UTF-8, the others as Latin-1.
    ...(token.includes('ёлка') ? { name: 'Ёлка\u0001' } : {}),
  };
}

describe('token lookups of the embedded store', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rekindle-token-index-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function storeWith(links: LinkRecord[]): Promise<void> {
    const writer = await createLocalStorage({ dataDir });
    await writer.links.add(PROJECT, links);
    await writer.close();
  }

  async function removePacks(): Promise<void> {
    const dir = join(dataDir, 'projects', PROJECT, 'links');
    for (const name of await readdir(dir)) if (name.endsWith('.pack')) await rm(join(dir, name));
  }

  it('find every link, whatever its token holds, and nothing for tokens that are not there', async () => {
    const links = [...ODD_TOKENS, ...Array.from({ length: 300 }, (_, index) => `token-${String(index).padStart(16, '0')}`)].map(linkOf);
    await storeWith(links);
    const storage = await createLocalStorage({ dataDir, cachedLinkShards: 1 });
    for (const round of [1, 2]) {
      for (const link of links) expect(await storage.links.byToken(PROJECT, link.token), `round ${round}`).toEqual(link);
      for (const absent of ['to', 'tok-', 'tok-12', '"tok"', 'токен', '', 'token-0000000000000000 '])
        expect(await storage.links.byToken(PROJECT, absent), absent).toBeUndefined();
    }
    await storage.close();
  });

  it('parse each shard once: after a link was looked up, its whole shard is found without reading the pack again', async () => {
    const links = Array.from({ length: 2000 }, (_, index) => linkOf(`token-${String(index).padStart(16, '0')}`, index));
    await storeWith(links);
    const storage = await createLocalStorage({ dataDir, cachedLinkShards: 1 });
    const firstOfShard = new Map(links.map((link) => [shardOf(link.token, LINK_SHARDS), link]));
    for (const link of firstOfShard.values()) await storage.links.byToken(PROJECT, link.token);
    await removePacks();
    for (const link of links) expect(await storage.links.byToken(PROJECT, link.token)).toEqual(link);
    await storage.close();
  });

  it("are indexed for every shard in the background after a server's first lookup, and not in a CLI process", async () => {
    const links = Array.from({ length: 2000 }, (_, index) => linkOf(`token-${String(index).padStart(16, '0')}`, index));
    await storeWith(links);
    const [first] = links;
    const otherShard = links.find((link) => shardOf(link.token, LINK_SHARDS) !== shardOf(first?.token ?? '', LINK_SHARDS));
    if (!first || !otherShard) throw new Error('the fixture needs links in two shards');

    const cli = await createLocalStorage({ dataDir });
    expect(await cli.links.byToken(PROJECT, first.token)).toEqual(first);
    await (cli.links as LocalLinkStore).tokenIndexesWarmed(PROJECT);
    const server = await createLocalStorage({ dataDir, asServer: true });
    expect(await server.links.byToken(PROJECT, first.token)).toEqual(first);
    await (server.links as LocalLinkStore).tokenIndexesWarmed(PROJECT);
    await removePacks();
    for (const link of links) expect(await server.links.byToken(PROJECT, link.token)).toEqual(link);
    expect(await cli.links.byToken(PROJECT, otherShard.token)).toBeUndefined();
    await Promise.all([cli.close(), server.close()]);
  });

  it('keep no more shard indexes than their memory budget holds, least recently used dropped first', async () => {
    const candidates = Array.from({ length: 400 }, (_, index) => linkOf(`token-${String(index).padStart(16, '0')}`, index));
    const [first, second] = [...Map.groupBy(candidates, (link) => shardOf(link.token, LINK_SHARDS)).values()].map((inShard) => inShard[0]);
    if (!first || !second) throw new Error('the fixture needs links in two shards');
    await storeWith([first, second]);
    const storage = await createLocalStorage({ dataDir, tokenIndexBytes: 1 });
    expect(await storage.links.byToken(PROJECT, first.token)).toEqual(first);
    expect(await storage.links.byToken(PROJECT, second.token)).toEqual(second);
    await removePacks();
    expect(await storage.links.byToken(PROJECT, second.token)).toEqual(second);
    expect(await storage.links.byToken(PROJECT, first.token)).toBeUndefined();
    await storage.close();
  });
});
