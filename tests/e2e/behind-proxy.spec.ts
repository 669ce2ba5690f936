import { expect, test } from '@playwright/test';
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
