import { expect, test } from '@playwright/test';
import { RawPlayer } from './raw-player.ts';
import { cookiesOf, rawRequest, startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * The documented production set-up: a TLS proxy in front, REKINDLE_PUBLIC_URL set to the https
 * address. The app itself only ever sees plain http from the proxy.
 */
const PUBLIC = 'https://promo.example.ru';
const PASSWORD = 'proxy-admin-password';
const viaProxy = { Host: 'promo.example.ru', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServerProcess({ REKINDLE_PUBLIC_URL: PUBLIC, REKINDLE_ADMIN_PASSWORD: PASSWORD });
});
test.afterAll(async () => server.stop());

async function loginForm(): Promise<{ cookie: string; csrf: string }> {
  const page = await rawRequest(server.port, { path: '/admin/login', headers: viaProxy });
  expect(page.status).toBe(200);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('the login page has no CSRF field');
  return { cookie: cookiesOf(page), csrf };
}

function postLogin(form: { cookie: string; csrf: string }, origin: string) {
  const body = new URLSearchParams({ csrf: form.csrf, password: PASSWORD }).toString();
  return rawRequest(server.port, {
    method: 'POST',
    path: '/admin/login',
    headers: {
      ...viaProxy,
      Origin: origin,
      Cookie: form.cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
    },
    body,
  });
}

test('the admin signs in through a TLS proxy, and the session cookie is Secure', async () => {
  const form = await loginForm();
  const response = await postLogin(form, PUBLIC);
  expect(response.status, response.body).toBe(303);
  const session = (response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('rekindle_admin='));
  expect(session).toMatch(/; Secure/i);
});

test('a form posted from another site is still refused', async () => {
  const response = await postLogin(await loginForm(), 'https://evil.example');
  expect(response.status).toBe(403);
  expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'cross-origin', status: 403 } });
});

test('a forged Host header reaches no URL, tag or cookie: the public URL decides them all', async () => {
  const forged = { ...viaProxy, Host: 'evil.example' };
  const player = new RawPlayer(server.port, 'home-habits-quiz', forged);
  const shared = await player.share(PUBLIC);
  expect(shared.url).toBe(`${PUBLIC}/s/${shared.id}`);

  const page = await rawRequest(server.port, { path: `/s/${shared.id}`, headers: forged });
  expect(page.status).toBe(200);
  expect(page.body).not.toContain('evil.example');
  expect(page.body).toContain(`<meta property="og:url" content="${PUBLIC}/s/${shared.id}"`);
  expect(page.body).toContain(`<link rel="canonical" href="${PUBLIC}/s/${shared.id}"`);
  expect(page.body).toContain(`<meta property="og:image:secure_url" content="${PUBLIC}/s/${shared.id}/og.png"`);
  expect(page.headers['cache-control']).toMatch(/private/);

  const personal = await rawRequest(server.port, { path: '/home-habits-quiz', headers: viaProxy });
  const playerCookie = (personal.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('rk_home_habits_quiz='));
  expect(playerCookie).toMatch(/; Secure/i);
});

test.describe('behind trusted proxies', () => {
  let proxied: ServerProcess;
  test.beforeAll(async () => {
    proxied = await startServerProcess({
      REKINDLE_PUBLIC_URL: PUBLIC,
      REKINDLE_ADMIN_PASSWORD: PASSWORD,
      REKINDLE_TRUSTED_PROXIES: 'loopback',
    });
  });
  test.afterAll(async () => proxied.stop());

  test('a stranger who fails five logins does not lock out the team behind the same proxy', async () => {
    const attemptFrom = async (client: string, password: string) => {
      const headers = { ...viaProxy, 'X-Forwarded-For': client };
      const page = await rawRequest(proxied.port, { path: '/admin/login', headers });
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const body = new URLSearchParams({ csrf, password }).toString();
      return rawRequest(proxied.port, {
        method: 'POST',
        path: '/admin/login',
        headers: {
          ...headers,
          Origin: PUBLIC,
          Cookie: cookiesOf(page),
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(body.length),
        },
        body,
      });
    };
    for (let attempt = 0; attempt < 6; attempt++) await attemptFrom('198.51.100.66', `guess-${attempt}`);
    expect((await attemptFrom('198.51.100.66', PASSWORD)).status).toBe(429);
    expect((await attemptFrom('203.0.113.10', PASSWORD)).status).toBe(303);
  });
});
