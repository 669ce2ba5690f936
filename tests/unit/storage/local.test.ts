import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalStorage } from '../../../src/storage/local/index.ts';
import { LINK_SHARDS, shardFileName, shardOf } from '../../../src/storage/local/link-shards.ts';
import type { LinkRecord, Storage } from '../../../src/storage/types.ts';
import { describeStorageContract, link, order } from './contract.ts';

const PROJECT = 'new-year-traditions';
const AT = '2026-12-14T10:00:00.000Z';

function temporaryDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rekindle-storage-'));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describeStorageContract('local', async () => {
  const dataDir = await temporaryDir();
  const storage = await createLocalStorage({ dataDir });
  return {
    storage,
    async dispose() {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('local storage on disk', () => {
  let dataDir: string;
  const open: Storage[] = [];

  async function openStorage(options: { segmentBytes?: number } = {}): Promise<Storage> {
    const storage = await createLocalStorage({ dataDir, ...options });
    open.push(storage);
    return storage;
  }

  function logDir(project = PROJECT): string {
    return join(dataDir, 'projects', project, 'log');
  }

  function linksDir(): string {
    return join(dataDir, 'projects', PROJECT, 'links');
  }

  /**
   * The links as the store wrote them before packs: a file per shard, and token shards with a
   * group and an import time per link, as text.
   */
  async function writeLegacyShards(links: readonly LinkRecord[]): Promise<void> {
    const byShard = (key: (each: LinkRecord) => string) => Map.groupBy(links, (each) => shardOf(key(each), LINK_SHARDS));
    await mkdir(linksDir(), { recursive: true });
    const manifest = {
      generation: 1,
      count: links.length,
      tokenShards: Array(LINK_SHARDS).fill(0),
      customerShards: Array(LINK_SHARDS).fill(0),
    };
    for (const [shard, inShard] of byShard((each) => each.token)) {
      const columns = {
        token: inShard.map((each) => each.token),
        customerId: inShard.map((each) => each.customerId),
        group: inShard.map((each) => each.group),
        importedAt: inShard.map((each) => each.importedAt),
        name: inShard.map((each) => each.name ?? null),
        segment: inShard.map((each) => each.segment ?? null),
        spend: inShard.map((each) => each.spend ?? null),
      };
      await writeFile(join(linksDir(), shardFileName('t', shard, 1)), JSON.stringify(columns));
      manifest.tokenShards[shard] = 1;
    }
    for (const [shard, inShard] of byShard((each) => each.customerId)) {
      const columns = { customerId: inShard.map((each) => each.customerId), token: inShard.map((each) => each.token) };
      await writeFile(join(linksDir(), shardFileName('c', shard, 1)), JSON.stringify(columns));
      manifest.customerShards[shard] = 1;
    }
    await writeFile(join(linksDir(), 'manifest.json'), JSON.stringify(manifest));
  }

  beforeEach(async () => {
    dataDir = await temporaryDir();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((storage) => storage.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps everything across close and reopen', async () => {
    const first = await openStorage();
    await first.links.add(PROJECT, [link(1), link(2)]);
    await first.plays.update(PROJECT, 'link:a', () => ({ project: PROJECT, player: 'link:a', state: { step: 3 }, updatedAt: AT }));
    await first.events.append({ project: PROJECT, type: 'complete', at: AT, player: 'link:a' });
    await first.promo.load(PROJECT, 'new-year', ['A', 'B']);
    const code = await first.promo.claim(PROJECT, 'new-year', 'link:a');
    await first.shares.create({ id: 'share-1', project: PROJECT, player: 'link:a', content: { title: 'Я угадал' }, createdAt: AT });
    await first.orders.add(PROJECT, [order('A-1')]);
    await first.close();

    const second = await openStorage();
    expect(await second.links.byCustomerId(PROJECT, 'customer-2')).toEqual(link(2));
    expect((await second.plays.get(PROJECT, 'link:a'))?.state).toEqual({ step: 3 });
    expect(await collect(second.events.scan(PROJECT))).toHaveLength(1);
    await second.promo.load(PROJECT, 'new-year', ['A', 'B']);
    expect(await second.promo.claim(PROJECT, 'new-year', 'link:a')).toBe(code);
    expect(await second.promo.claim(PROJECT, 'new-year', 'link:b')).toBe('B');
    expect((await second.shares.get('share-1'))?.content).toEqual({ title: 'Я угадал' });
    expect(await second.orders.add(PROJECT, [order('A-1')])).toEqual({ added: 0, duplicates: 1 });
  });

  it('ignores and cuts a torn last line left by a crash, then keeps appending', async () => {
    const first = await openStorage();
    await first.events.append({ project: PROJECT, type: 'visit', at: AT, player: 'link:a' });
    await first.close();
    const [segment] = await readdir(logDir());
    const segmentPath = join(logDir(), segment ?? '');
    const intactSize = (await stat(segmentPath)).size;
    await appendFile(segmentPath, '{"kind":"play","play":{"project":"new-year-tra');

    const second = await openStorage();
    expect((await stat(segmentPath)).size).toBe(intactSize);
    expect(await second.plays.get(PROJECT, 'link:a')).toBeUndefined();
    await second.events.append({ project: PROJECT, type: 'start', at: AT, player: 'link:a' });
    expect((await collect(second.events.scan(PROJECT))).map((event) => event.type)).toEqual(['visit', 'start']);
  });

  it('skips an unreadable line inside a segment with a warning naming file and line', async () => {
    const first = await openStorage();
    await first.orders.add(PROJECT, [order('A-1')]);
    await first.close();
    const [segment] = await readdir(logDir());
    await appendFile(join(logDir(), segment ?? ''), 'not json\n{"kind":"order","order":{"orderId":"A-2"}}\n');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const second = await openStorage();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/\.jsonl: skipped 1 unreadable line\(s\), first at line 2;/));
    warn.mockRestore();
    expect(await second.orders.add(PROJECT, [order('A-2')])).toEqual({ added: 0, duplicates: 1 });
  });

  it('splits the log into segments and replays all of them', async () => {
    const first = await openStorage({ segmentBytes: 1024 });
    for (let index = 0; index < 40; index++) {
      await first.plays.update(PROJECT, `link:${index}`, () => ({
        project: PROJECT,
        player: `link:${index}`,
        state: index,
        updatedAt: AT,
      }));
    }
    await first.close();
    expect((await readdir(logDir())).length).toBeGreaterThan(3);

    const second = await openStorage();
    expect(await collect(second.plays.scan(PROJECT))).toHaveLength(40);
  });

  it('keeps the group and import time of every link when shards gather links of several imports', async () => {
    const storage = await openStorage();
    const first = Array.from({ length: 3000 }, (_, index) => link(index));
    const later = '2026-12-20T08:30:00.000Z';
    const second = Array.from({ length: 3000 }, (_, index) => link(3000 + index, { importedAt: later }));
    await storage.links.add(PROJECT, first);
    await storage.links.add(PROJECT, second);
    const reopened = await openStorage();
    for (const expected of [first[0], first[10], first[2999], second[0], second[10], second[2999]]) {
      expect(await reopened.links.byToken(PROJECT, expected?.token ?? '')).toEqual(expected);
    }
    expect((await collect(reopened.links.scan(PROJECT))).filter((stored) => stored.group === 'control')).toHaveLength(600);
  });

  it('reads shard files written before packs, with text groups and times, and moves them into packs as they change', async () => {
    const links = Array.from({ length: 50 }, (_, index) => link(index, { name: `Имя ${index}`, spend: index * 100 }));
    await writeLegacyShards(links);
    const storage = await openStorage();
    for (const expected of links) {
      expect(await storage.links.byToken(PROJECT, expected.token)).toEqual(expected);
      expect(await storage.links.byCustomerId(PROJECT, expected.customerId)).toEqual(expected);
    }
    expect(await storage.links.countsBySegment(PROJECT)).toEqual(new Map([['', { total: 50, control: 5 }]]));

    const later = Array.from({ length: 3000 }, (_, index) => link(50 + index, { importedAt: '2026-12-20T08:30:00.000Z' }));
    await storage.links.add(PROJECT, later);
    const all = [...links, ...later];
    const reopened = await openStorage();
    expect(await collect(reopened.links.scan(PROJECT))).toHaveLength(all.length);
    for (const expected of [...links, later[0], later[2999]])
      expect(await reopened.links.byCustomerId(PROJECT, expected?.customerId ?? '')).toEqual(expected);
    expect(await reopened.links.countsBySegment(PROJECT)).toEqual(new Map([['', { total: 3050, control: 305 }]]));
    const manifest = JSON.parse(await readFile(join(linksDir(), 'manifest.json'), 'utf8')) as { segments: unknown };
    expect(manifest.segments).toEqual({ '': { total: 3050, control: 305 } });
    const files = await readdir(linksDir());
    expect(files).toContain('links.g2.pack');
    const currentLegacyFiles = files.filter((name) => name.endsWith('.json') && name !== 'manifest.json');
    // Shard files stay until their shard changes; nearly every shard gained some of the 3 000 later links.
    expect(currentLegacyFiles.length).toBeLessThan(10);
    expect(currentLegacyFiles.every((name) => name.endsWith('.g1.json'))).toBe(true);
  });

  it('removes a pack once most of its shards were rewritten, after carrying the rest into the new pack', async () => {
    const storage = await openStorage();
    const first = Array.from({ length: 3000 }, (_, index) => link(index));
    const few = Array.from({ length: 5 }, (_, index) => link(3000 + index));
    const many = Array.from({ length: 3000 }, (_, index) => link(4000 + index));
    await storage.links.add(PROJECT, first);
    await storage.links.add(PROJECT, few);
    expect((await readdir(linksDir())).filter((name) => name.endsWith('.pack')).sort()).toEqual(['links.g1.pack', 'links.g2.pack']);

    await storage.links.add(PROJECT, many);
    expect((await readdir(linksDir())).filter((name) => name.endsWith('.pack'))).toEqual(['links.g3.pack']);
    const reopened = await openStorage();
    const stored = await collect(reopened.links.scan(PROJECT));
    expect(stored.map((each) => each.customerId).sort()).toEqual([...first, ...few, ...many].map((each) => each.customerId).sort());
    for (const expected of [first[0], first[2999], few[4], many[0]])
      expect(await reopened.links.byCustomerId(PROJECT, expected?.customerId ?? '')).toEqual(expected);
  });

  it('leaves no pack behind when a batch is refused after its first shards were written', async () => {
    const storage = await openStorage();
    await storage.links.add(PROJECT, [link(1)]);
    const clash = link(2999, { token: link(1).token });

    await expect(storage.links.add(PROJECT, [...Array.from({ length: 2000 }, (_, index) => link(2 + index)), clash])).rejects.toThrow(
      /already belongs/,
    );
    expect((await readdir(linksDir())).filter((name) => name.endsWith('.pack'))).toEqual(['links.g1.pack']);
  });

  it('adds no link at all when writing the pack fails', async () => {
    const storage = await openStorage();
    await storage.links.add(
      PROJECT,
      Array.from({ length: 300 }, (_, index) => link(index)),
    );
    const batch = Array.from({ length: 300 }, (_, index) => link(1000 + index));
    // A directory where the import's pack must be written makes its first write fail.
    const blocker = join(linksDir(), 'links.g2.pack');
    await mkdir(blocker);

    await expect(storage.links.add(PROJECT, batch)).rejects.toThrow(
      /links\.add\(new-year-traditions\): writing .* failed, so nothing was added/,
    );
    expect(await storage.links.count(PROJECT)).toBe(300);
    expect(await storage.links.byToken(PROJECT, batch[0]?.token ?? '')).toBeUndefined();
    expect(await storage.links.byCustomerId(PROJECT, 'customer-1000')).toBeUndefined();
    expect((await readdir(linksDir())).filter((name) => name.includes('.g2.'))).toEqual(['links.g2.pack']);

    const reopened = await openStorage();
    expect(await reopened.links.count(PROJECT)).toBe(300);
    expect(await collect(reopened.links.scan(PROJECT))).toHaveLength(300);

    await rmdir(blocker);
    await storage.links.add(PROJECT, batch);
    expect(await reopened.links.count(PROJECT)).toBe(600);
    expect(await reopened.links.byCustomerId(PROJECT, 'customer-1299')).toEqual(link(1299));
  });

  it('sees links and orders that another process added after it started', async () => {
    const server = await openStorage();
    await server.links.add(PROJECT, [link(1)]);
    expect(await server.links.byToken(PROJECT, link(2).token)).toBeUndefined();
    expect(await server.links.byToken(PROJECT, link(1).token)).toEqual(link(1));

    const cli = await openStorage();
    await cli.links.add(PROJECT, [link(2)]);
    await cli.orders.add(PROJECT, [order('A-1'), order('A-2')]);

    expect(await server.links.byToken(PROJECT, link(2).token)).toEqual(link(2));
    expect(await server.links.count(PROJECT)).toBe(2);
    expect((await collect(server.orders.scan(PROJECT))).map((each) => each.orderId).sort()).toEqual(['A-1', 'A-2']);
    expect(await server.orders.add(PROJECT, [order('A-2'), order('A-3')])).toEqual({ added: 1, duplicates: 1 });
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const script = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));
    const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
    const child = spawn(node, [script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const outputClosed = new Promise((resolve) => child.stdout.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        acknowledged.push(...lines.map(Number));
        if (acknowledged.length >= 400) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited before it was killed: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    await outputClosed;
    acknowledged.push(...buffered.split('\n').filter(Boolean).map(Number));

    const reopened = await openStorage();
    const events = await collect(reopened.events.scan('crash-test'));
    const eventIndexes = new Set(events.map((event) => event.data?.index));
    const missingEvents = acknowledged.filter((index) => !eventIndexes.has(index));
    const missingPlays: number[] = [];
    for (const index of acknowledged) {
      if (!(await reopened.plays.get('crash-test', `link:${index}`))) missingPlays.push(index);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(missingEvents).toEqual([]);
    expect(missingPlays).toEqual([]);
    for (const segment of await readdir(logDir('crash-test'))) {
      const text = await readFile(join(logDir('crash-test'), segment), 'utf8');
      expect(text === '' || text.endsWith('\n')).toBe(true);
    }
  });
});
