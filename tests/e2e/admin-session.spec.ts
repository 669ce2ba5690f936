import { expect, test } from '@playwright/test';
import { cookiesOf, rawRequest, type RawResponse } from './server-process.ts';

const PASSWORD = process.env.REKINDLE_ADMIN_PASSWORD ?? '';

function csrfOf(page: RawResponse): string {
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('the page has no CSRF field');
  return csrf;
}

function postForm(port: number, path: string, origin: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  return rawRequest(port, {
    method: 'POST',
    path,
    headers: { Origin: origin, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
    body,
  });
}

test('signing out revokes the session: a copy of the cookie saved before stops working', async ({ baseURL }) => {
  const origin = baseURL ?? '';
  const port = Number(new URL(origin).port);
  const loginPage = await rawRequest(port, { path: '/admin/login' });
  const signedIn = await postForm(port, '/admin/login', origin, cookiesOf(loginPage), { csrf: csrfOf(loginPage), password: PASSWORD });
  expect(signedIn.status).toBe(303);
  const savedCookie =
    (signedIn.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).find((cookie) => cookie?.startsWith('rekindle_admin=')) ??
    '';

  const dashboard = await rawRequest(port, { path: '/admin', headers: { Cookie: savedCookie } });
  expect(dashboard.status).toBe(200);
  const signedOut = await postForm(port, '/admin/logout', origin, savedCookie, { csrf: csrfOf(dashboard) });
  expect(signedOut.status).toBe(303);

  const replayed = await rawRequest(port, { path: '/admin', headers: { Cookie: savedCookie } });
  expect(replayed.status).toBe(303);
  expect(replayed.headers.location).toMatch(/^\/admin\/login/);
});

test('every admin URL is guarded and private, whichever route answers', async ({ baseURL }) => {
  const port = Number(new URL(baseURL ?? '').port);
  const page = await rawRequest(port, { path: '/admin/home-habits-quiz?lang=en' });
  expect(page.status).toBe(303);
  expect(page.headers.location).toBe(`/admin/login?next=${encodeURIComponent('/admin/home-habits-quiz?lang=en')}`);
  const data = await rawRequest(port, { path: '/admin/home-habits-quiz/customers.csv' });
  expect(data.status).toBe(401);
  expect(JSON.parse(data.body)).toMatchObject({ error: { code: 'admin-login-required' } });
  for (const response of [page, data, await rawRequest(port, { path: '/admin/login' })]) {
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(response.headers['x-frame-options']).toBe('DENY');
  }
});
