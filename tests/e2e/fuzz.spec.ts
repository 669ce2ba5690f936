import http from 'node:http';
import { expect, test } from '@playwright/test';
import { RawPlayer } from './raw-player.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * A seeded fuzz run: thousands of malformed requests over every route and method. Whatever comes
 * in, the answer is a 4xx (or a 2xx/3xx), never a 5xx, and the server is still up afterwards.
 * A failure prints the seed and the request, so it can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REQUESTS = 5_000;
const API_KEY = 'fuzz-api-key-0123456789abcdef';

/** mulberry32: a tiny seeded generator, so a run can be repeated exactly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const SLUGS = [
  'home-habits-quiz',
  'new-year-traditions',
  'march-8-greetings',
  'no-such-project',
  'A',
  '..',
  '%2e%2e',
  'x'.repeat(300),
  '%00',
  '%D1%91%D0%BB%D0%BA%D0%B0',
];
const SEGMENTS = ['', 'x', '..', '%2e%2e%2f', '%ff%fe', '%', '?c=', 'og.png', 'story.png', 'a/b/c', '%c0%ae', 'x'.repeat(2000)];
const ROUTES: ((slug: string) => string)[] = [
  () => '/',
  () => '/404',
  () => '/robots.txt',
  () => '/favicon.svg',
  () => '/api/health',
  () =>
    `/_image?href=${pick(['/favicon.svg', 'https://evil.example/a.png', '%', ''])}&w=${pick(['1', '-1', '1e400', 'x'])}&f=${pick(['png', 'svg', 'gif', ''])}`,
  (slug) => `/${slug}`,
  (slug) => `/${slug}?c=${pick(['', 'short', 'A'.repeat(21), '%ff', 'x'.repeat(5000)])}&s=${pick(['', 'A'.repeat(21), '%00'])}`,
  (slug) => `/${slug}/gift/file`,
  (slug) => `/${slug}/gift/pdf`,
  () => '/admin',
  () => `/admin/login?next=${pick(['/admin', '//evil.example', '%', '/admin/../../etc'])}&lang=${pick(['ru', 'en', 'xx', ''])}`,
  () => '/admin/logout',
  (slug) => `/admin/${slug}`,
  (slug) => `/admin/${slug}/customers.csv`,
  (slug) => `/api/${slug}/${pick(['visit', 'track', 'start', 'play', 'gift', 'share', 'orders', 'nope'])}`,
  (slug) => `/assets/${slug}/${pick(SEGMENTS)}`,
  () => `/s/${pick(['A'.repeat(21), 'short', '%ff', '..'])}${pick(['', '/og.png', '/story.png', '/x.png', '/og.png?x=%'])}`,
  () => `/${pick(SEGMENTS)}/${pick(SEGMENTS)}`,
];
const METHODS = ['GET', 'GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'];

function deep(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const BODIES: (() => string | Buffer)[] = [
  () => '',
  () => '{',
  () => '{"action":',
  () => 'null',
  () => '[]',
  () => '"string"',
  () => '1e400',
  () => JSON.stringify({ action: { type: 'answer', question: 1e308, answer: 'yes' } }),
  () => JSON.stringify({ action: { type: 'answer', question: -1, answer: true } }),
  () => JSON.stringify({ action: { type: pick(['answer', 'choose', 'complete', '__proto__']), question: pick([0, '0', null, {}, []]) } }),
  () => JSON.stringify({ page: pick(['project', 'share', 1, null]), share: pick(['A'.repeat(21), 5, '']) }),
  () => JSON.stringify({ type: 'share-click', network: pick(['vk', 'x', 'nope', 1]) }),
  () =>
    JSON.stringify({
      orders: [
        {
          orderId: pick(['o1', 1, '']),
          customerId: 'c',
          orderedAt: pick(['2020-13-45', 'x', 1]),
          amount: pick([Number.POSITIVE_INFINITY, -1, 'NaN', '1 000,5']),
        },
      ],
    }),
  () => JSON.stringify({ orders: 'x'.repeat(30_000) }),
  () => `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`,
  () => deep(pick([100, 5_000, 50_000])),
  () => `{"a":${deep(3000)}}`,
  () => Buffer.from([0xff, 0xfe, 0xc0, 0xae, 0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xf0, 0x28, 0x8c, 0x28, 0x22, 0x7d]),
  () => 'password=x&csrf=y',
  () => `password=${'p'.repeat(5000)}&csrf=`,
  () => '--boundary\r\nContent-Disposition: form-data; name="password"\r\n\r\nx\r\n--boundary--',
  () => 'x'.repeat(pick([1025, 17_000, 70_000])),
];

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=boundary',
  'multipart/form-data',
  'image/png',
  '*/*',
  ';;;',
];

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function fuzzRequest(origin: string, playerCookie: string): FuzzRequest {
  const method = pick(METHODS);
  const path = pick(ROUTES)(pick(SLUGS));
  const headers: Record<string, string> = {};
  if (random() < 0.7) headers.Origin = pick([origin, origin, 'https://evil.example', 'null', '']);
  if (random() < 0.5)
    headers.Cookie = pick([playerCookie, `${playerCookie}x`, 'rk_home_habits_quiz=%ff', 'rekindle_admin=1.2.3', `a=${'b'.repeat(4000)}`]);
  if (random() < 0.2) headers.Authorization = pick([`Bearer ${API_KEY}`, 'Bearer x', 'Basic x', '']);
  if (random() < 0.1) headers.Host = pick(['evil.example', 'a@evil.example', '[::1]', 'x'.repeat(300), '127.0.0.1:99999']);
  if (random() < 0.1) headers['X-Forwarded-For'] = pick(['1.2.3.4', 'x', '::::', '1.1.1.1, 2.2.2.2']);
  if (random() < 0.1) headers['X-Forwarded-Proto'] = pick(['https', 'gopher', '']);
  if (random() < 0.05) headers['X-Huge'] = 'h'.repeat(pick([1000, 20_000]));
  if (random() < 0.1) headers['If-None-Match'] = pick(['*', 'W/"x"', '"', '']);
  if (random() < 0.1) headers.Range = pick(['bytes=0-1', 'bytes=-1', 'bytes=x', 'bytes=5-1']);
  if (random() < 0.1) headers['Accept-Encoding'] = pick(['gzip', 'br', 'x']);
  const hasBody = method !== 'GET' && method !== 'HEAD' && random() < 0.9;
  const contentType = pick(CONTENT_TYPES);
  if (contentType) headers['Content-Type'] = contentType;
  const body = hasBody ? pick(BODIES)() : undefined;
  if (body !== undefined && random() < 0.1) headers['Content-Length'] = pick(['0', '5', '-1', 'x']);
  return { method, path, headers, body };
}

function send(port: number, agent: http.Agent, request: FuzzRequest): Promise<number> {
  return new Promise((resolve) => {
    // A request the client itself refuses to send (an invalid header value) is no server answer.
    try {
      sendOrThrow(port, agent, request, resolve);
    } catch {
      resolve(0);
    }
  });
}

function sendOrThrow(port: number, agent: http.Agent, request: FuzzRequest, resolve: (status: number) => void): void {
  {
    const outgoing = http.request(
      { host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: request.headers },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', () => resolve(0));
    outgoing.setTimeout(20_000, () => outgoing.destroy());
    outgoing.end(request.body);
  }
}

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServerProcess({ REKINDLE_API_KEY: API_KEY, REKINDLE_ADMIN_PASSWORD: 'fuzz-admin-password' });
});
test.afterAll(async () => server.stop());

test(`${REQUESTS} malformed requests over every route and method: no 5xx, and the server lives (seed ${SEED})`, async () => {
  test.setTimeout(120_000);
  const origin = `http://127.0.0.1:${server.port}`;
  const player = new RawPlayer(server.port, 'home-habits-quiz', {});
  await player.open();
  const requests = Array.from({ length: REQUESTS }, () => fuzzRequest(origin, player.cookie));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const failures: string[] = [];
  const answered = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index] as FuzzRequest;
      const status = await send(server.port, agent, request);
      answered.set(status, (answered.get(status) ?? 0) + 1);
      if (status >= 500)
        failures.push(
          `#${index} ${request.method} ${request.path.slice(0, 120)} → ${status} ${JSON.stringify(request.headers).slice(0, 200)}`,
        );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  agent.destroy();
  expect(failures, `seed ${SEED}; statuses ${JSON.stringify([...answered])}`).toEqual([]);
  expect(answered.get(0) ?? 0).toBeLessThan(REQUESTS / 10);
  expect(server.child.exitCode).toBeNull();
  const health = await send(server.port, new http.Agent(), { method: 'GET', path: '/api/health', headers: {} });
  expect(health).toBe(200);
});
