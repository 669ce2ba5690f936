import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ShareImageRenderer, ShareRenderBusy } from '../../../src/share/cache.ts';
import type { ShareFormat } from '../../../src/share/formats.ts';
import { etagMatches } from '../../../src/server/http.ts';
import { imageAnswer, imageAnswerResponse, renditionAnswer, SHARE_IMAGE_CACHE_CONTROL } from '../../../src/share/http.ts';
import sharp from 'sharp';
import { createFixture, type Fixture } from './fixtures.ts';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await createFixture();
});
afterAll(() => fixture.cleanup());

const content = { title: 'Я угадала 5 из 6 традиций! 🎄', score: { value: 5, of: 6 } };

describe('ShareImageRenderer', () => {
  it('draws once, then answers from memory and, after a restart, from disk with the same bytes', async () => {
    const cacheDir = join(fixture.root, 'cache-restart');
    const request = { project: fixture.project({}, 'assets/logo.png'), content, format: 'og' as const };
    const first = new ShareImageRenderer({ cacheDir });
    const drawn = await first.render(request);
    const again = await first.render(request);
    expect(first.stats).toEqual({ draws: 1, memoryHits: 1, diskHits: 0, refused: 0 });
    expect(again.png.equals(drawn.png)).toBe(true);
    expect(again.etag).toBe(drawn.etag);

    const restarted = new ShareImageRenderer({ cacheDir });
    expect(await restarted.isCached(request)).toBe(true);
    const fromDisk = await restarted.render(request);
    expect(restarted.stats.draws).toBe(0);
    expect(restarted.stats.diskHits).toBe(1);
    expect(fromDisk.png.equals(drawn.png)).toBe(true);
    expect(fromDisk.etag).toBe(drawn.etag);
    const folders = await readdir(cacheDir, { recursive: true });
    expect(folders.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('draws a bounded number of cards at once and refuses cold renders beyond its queue', async () => {
    const renderer = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-busy'), concurrentDraws: 1, queuedDraws: 2 });
    const project = fixture.project();
    const requests = [1, 2, 3, 4, 5, 6].map((value) => ({
      project,
      content: { ...content, score: { value, of: 6 } },
      format: 'og' as const,
    }));
    const outcomes = await Promise.allSettled(requests.map((request) => renderer.render(request)));
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const outcome of refused) expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(ShareRenderBusy);
    expect(renderer.stats.draws + renderer.stats.refused).toBe(6);
    expect((await renderer.render(requests[5] as (typeof requests)[number])).png.length).toBeGreaterThan(0);
  });

  it('shares one draw between concurrent requests for the same image', async () => {
    const renderer = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-concurrent') });
    const request = { project: fixture.project(), content, format: 'og' as const };
    const images = await Promise.all([1, 2, 3, 4].map(() => renderer.render(request)));
    expect(renderer.stats.draws).toBe(1);
    expect(new Set(images.map((image) => image.etag)).size).toBe(1);
  });

  it('gives a new key when the content, the format, the layout or a shown file changes', async () => {
    const renderer = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-keys') });
    const base = { project: fixture.project(), content, format: 'og' as ShareFormat };
    const variants = [
      base,
      { ...base, content: { ...content, score: { value: 6, of: 6 } } },
      { ...base, format: 'story' as ShareFormat },
      { ...base, project: fixture.project({ align: 'top' }) },
      { ...base, project: fixture.project({}, 'assets/logo.png') },
    ];
    const etags = [];
    for (const request of variants) etags.push((await renderer.render(request)).etag);
    expect(new Set(etags).size).toBe(variants.length);
    expect(renderer.stats.draws).toBe(variants.length);
    expect(await renderer.isCached({ ...base, content: { title: 'Другой результат' } })).toBe(false);
  });

  it('refuses an odd format before touching the cache', async () => {
    const renderer = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-format') });
    const request = { project: fixture.project(), content, format: 'banner' as ShareFormat };
    await expect(renderer.render(request)).rejects.toThrow(/expected one of og, story/);
    expect(renderer.stats.draws).toBe(0);
  });

  it('keeps its disk copies within the budget, dropping the least recently used', async () => {
    const cacheDir = join(fixture.root, 'cache-budget');
    const project = fixture.project();
    const requestFor = (value: number) => ({ project, content: { ...content, score: { value, of: 6 } }, format: 'og' as const });
    const requests = [1, 2, 3].map(requestFor);
    const sized = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-budget-size') });
    const imageBytes = Math.max(...(await Promise.all(requests.map(async (request) => (await sized.render(request)).png.byteLength))));
    const renderer = new ShareImageRenderer({ cacheDir, diskBytes: Math.floor(imageBytes * 1.5) });
    for (const request of requests) await renderer.render(request);
    const pngs = async () => (await readdir(cacheDir, { recursive: true })).filter((name) => name.endsWith('.png'));
    await vi.waitFor(async () => expect(await pngs()).toHaveLength(1));
    const restarted = new ShareImageRenderer({ cacheDir });
    await restarted.render(requestFor(3));
    expect(restarted.stats).toMatchObject({ draws: 0, diskHits: 1 });
  });
});

describe('ShareImageRenderer renditions', () => {
  it('makes a smaller WebP of the og card once, from one draw, and keeps it on disk beside the PNG', async () => {
    const cacheDir = join(fixture.root, 'cache-renditions');
    const request = { project: fixture.project({}, 'assets/logo.png'), content, format: 'og' as const };
    const renderer = new ShareImageRenderer({ cacheDir });
    const [small, large] = await Promise.all([renderer.rendition(request, 480), renderer.rendition(request, 800)]);
    expect(renderer.stats.draws).toBe(1);
    expect(await sharp(small.webp).metadata()).toMatchObject({ format: 'webp', width: 480, height: 252 });
    expect(await sharp(large.webp).metadata()).toMatchObject({ format: 'webp', width: 800, height: 420 });
    const png = await renderer.render(request);
    expect(small.webp.byteLength).toBeLessThan(png.png.byteLength / 4);
    expect(new Set([small.etag, large.etag, png.etag]).size).toBe(3);

    const restarted = new ShareImageRenderer({ cacheDir });
    const fromDisk = await restarted.rendition(request, 480);
    expect(restarted.stats).toMatchObject({ draws: 0, diskHits: 1 });
    expect(fromDisk.webp.equals(small.webp)).toBe(true);
    expect(fromDisk.etag).toBe(small.etag);
  });

  it('refuses widths that are not on its list, so a client cannot make it encode any size', async () => {
    const renderer = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-odd-width') });
    const request = { project: fixture.project(), content, format: 'og' as const };
    await expect(renderer.rendition(request, 333 as 480)).rejects.toThrow(/480, 800, 1200/);
    expect(renderer.stats.draws).toBe(0);
  });

  it('is served as image/webp with the same immutable cache as the PNG', () => {
    const response = imageAnswerResponse(renditionAnswer({ webp: Buffer.from('RIFF'), etag: '"abc"' }, null));
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe(SHARE_IMAGE_CACHE_CONTROL);
  });
});

describe('imageAnswer', () => {
  const image = { png: Buffer.from([137, 80, 78, 71]), etag: '"abc"' };

  it('serves the PNG with its ETag and an immutable year-long cache', async () => {
    const response = imageAnswerResponse(imageAnswer(image, null));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"abc"');
    expect(response.headers.get('cache-control')).toBe(SHARE_IMAGE_CACHE_CONTROL);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(image.png)).toBe(true);
  });

  it('answers 304 without a body when If-None-Match holds the tag', async () => {
    const response = imageAnswerResponse(imageAnswer(image, 'W/"old", "abc"'));
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"abc"');
    expect(await response.text()).toBe('');
  });

  it('matches tags exactly', () => {
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
    expect(etagMatches('*', '"abc"')).toBe(true);
  });
});
