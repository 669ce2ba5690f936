import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadSettings } from '../../../src/environment/index.ts';
import { sign } from '../../../src/server/cookie-signature.ts';
import { startServer } from '../../../src/server/node-server.ts';
import { getStorage } from '../../../src/storage/index.ts';
import { NodeCookieJar } from '../../../src/server/cookie-jar.ts';
import { playPageOf } from '../../../src/server/play-page.ts';
import { nameInSharedPage, rememberPlayPage } from '../../../src/server/play-page-cache.ts';
import { stubAppEntry } from './stub-app.ts';

const SLUG = 'new-year-traditions';
/** What the stand-in for the built Astro app answers: any request reaching it is counted. */
const ASTRO_STATUS = 299;

let root: string;
let server: http.Server;
let origin: string;
const astroSaw: string[] = [];

/**
 * The production server with a stand-in for Astro's built handler, so a test sees which requests
 * Node answers itself: the player's API must never pay for Astro's per-request pipeline.
 */
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rekindle-fast-api-'));
  const entry = await stubAppEntry(
    root,
    `globalThis.astroSaw(request.method + ' ' + request.url); response.writeHead(${ASTRO_STATUS}).end();`,
  );
  (globalThis as { astroSaw?: (seen: string) => void }).astroSaw = (seen) => astroSaw.push(seen);
  vi.stubEnv('REKINDLE_DATA_DIR', path.join(root, 'data'));
  vi.stubEnv('REKINDLE_PROJECTS_DIR', path.resolve('projects'));
  vi.stubEnv('REKINDLE_PUBLIC_URL', '');
  vi.stubEnv('REKINDLE_DATABASE_URL', '');
  reloadSettings();
  server = await startServer({ host: '127.0.0.1', port: 0, entry });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  astroSaw.length = 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await (await getStorage()).close();
  vi.unstubAllEnvs();
  reloadSettings();
  await rm(root, { recursive: true, force: true });
});

const player = `anon:${'p'.repeat(21)}`;
const cookie = `rk_${SLUG.replaceAll('-', '_')}=${encodeURIComponent(sign(player))}`;

function call(method: string, name: string, options: { body?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${origin}/api/${SLUG}/${name}`, {
    method,
    headers: { origin, cookie, 'content-type': 'application/json', ...options.headers },
    body: options.body,
  });
}

describe('the production server answers the player’s API itself, before Astro', () => {
  it('plays a quiz from start to share and its share image with no request reaching Astro', async () => {
    expect((await call('POST', 'visit', { body: '{}' })).status).toBe(204);
    const started = await call('POST', 'start', { body: '{}' });
    expect(started.status).toBe(200);
    expect(started.headers.get('cache-control')).toBe('no-store');
    expect(await started.json()).toMatchObject({ started: true, completed: false });
    let status: { completed: boolean } = { completed: false };
    for (let question = 0; !status.completed && question < 20; question++) {
      const answered = await call('POST', 'play', { body: JSON.stringify({ action: { type: 'answer', question, answer: true } }) });
      expect(answered.status).toBe(200);
      status = await answered.json();
    }
    expect(status.completed).toBe(true);
    expect(await (await call('GET', 'play')).json()).toMatchObject({ completed: true });
    expect((await call('POST', 'gift', { body: '{}' })).status).toBe(200);
    const shared = await call('POST', 'share', { body: '{}' });
    expect(shared.status).toBe(201);
    const { url, imageUrl } = await shared.json();
    expect(url).toMatch(new RegExp(`^${origin}/s/`));

    const image = await fetch(imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    expect((await fetch(imageUrl, { headers: { 'if-none-match': image.headers.get('etag') ?? '' } })).status).toBe(304);
    const rendition = await fetch(`${url}/og-480.webp`);
    expect(rendition.headers.get('content-type')).toBe('image/webp');
    expect(await (await fetch(`${url}/og-333.webp`)).json()).toMatchObject({ error: { status: 404, code: 'unknown-format' } });
    expect(await (await fetch(`${origin}/s/noSuchShare123/og.png`)).json()).toMatchObject({ error: { code: 'share-not-found' } });
    expect(astroSaw).toEqual([]);
  }, 30_000);

  it('refuses what the Astro routes refuse, with the same error shape', async () => {
    const crossSite = await call('POST', 'start', { body: '{}', headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross-origin', status: 403 } });
    const noPlayer = await call('POST', 'start', { body: '{}', headers: { cookie: '' } });
    expect(noPlayer.status).toBe(401);
    expect(await noPlayer.json()).toMatchObject({ error: { code: 'no-player' } });
    expect((await call('POST', 'play', { body: '{"action":' })).status).toBe(400);
    expect((await call('POST', 'play', { body: JSON.stringify({ action: { text: 'x'.repeat(5000) } }) })).status).toBe(413);
    expect((await call('POST', 'start', { body: '' })).status).toBe(400);
    const unknownProject = await fetch(`${origin}/api/no-such-project/start`, { method: 'POST', headers: { origin }, body: '{}' });
    expect(unknownProject.status).toBe(404);
    expect(astroSaw).toEqual([]);
  });

  it('leaves to Astro what the player’s API does not answer', async () => {
    expect((await call('GET', 'start')).status).toBe(ASTRO_STATUS);
    expect((await call('POST', 'orders', { body: '[]' })).status).toBe(ASTRO_STATUS);
    expect(astroSaw).toEqual([`GET /api/${SLUG}/start`, `POST /api/${SLUG}/orders`]);
  });
});

describe('the production server answers a play page rendered before for a player like this one, before Astro', () => {
  const customer = (token: string, name: string) => ({
    project: SLUG,
    token,
    customerId: `customer-${token}`,
    name,
    group: 'target' as const,
    importedAt: '2026-12-01T00:00:00.000Z',
  });

  /** What Astro's page would have rendered for `query`, kept as its middleware keeps it. */
  async function renderedBefore(query: string, html: string): Promise<void> {
    const page = await playPageOf({
      slug: SLUG,
      query: new URLSearchParams(query),
      cookies: new NodeCookieJar(undefined),
      secure: false,
      publicOrigin: origin,
    });
    if ('missing' in page || !page.slot) throw new Error('the project must be playable');
    await rememberPlayPage(page.slot, new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  }

  it('serves a fresh visitor the shared page with their own new cookie, and a customer their own name', async () => {
    await renderedBefore('', '<h1>A page rendered before</h1>');
    const [first, second] = [await fetch(`${origin}/${SLUG}`), await fetch(`${origin}/${SLUG}`)];
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe('<h1>A page rendered before</h1>');
    }
    expect(first.headers.get('set-cookie')).toMatch(
      /^rk_new_year_traditions=anon:[\w-]+\.[\w-]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(first.headers.get('set-cookie')).not.toBe(second.headers.get('set-cookie'));

    await (await getStorage()).links.add(SLUG, [customer('annaToken0123456789', 'Анна'), customer('olgaToken0123456789', 'Ольга Петрова')]);
    await renderedBefore('c=olgaToken0123456789', `<h1>${nameInSharedPage('Ольга')}, 2020…</h1>`);
    expect(await (await fetch(`${origin}/${SLUG}?c=annaToken0123456789`)).text()).toBe('<h1>Анна, 2020…</h1>');
    expect(await (await fetch(`${origin}/${SLUG}?c=olgaToken0123456789`)).text()).toBe('<h1>Ольга, 2020…</h1>');
    expect(astroSaw).toEqual([]);
  });

  it('leaves to Astro a page not rendered before, a preview and Astro’s own pages', async () => {
    for (const path of [`/${SLUG}?s=notAShareOfThisProjectXY`, `/${SLUG}?preview=1.forged`, '/admin', '/no-such-project']) {
      expect((await fetch(`${origin}${path}`)).status).toBe(ASTRO_STATUS);
    }
    expect(astroSaw).toHaveLength(4);
  });
});
