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
  const savedCookie = (signedIn.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).find((cookie) => cookie?.startsWith('rekindle_admin=')) ?? '';

  const dashboard = await rawRequest(port, { path: '/admin', headers: { Cookie: savedCookie } });
  expect(dashboard.status).toBe(200);
  const signedOut = await postForm(port, '/admin/logout', origin, savedCookie, { csrf: csrfOf(dashboard) });
  expect(signedOut.status).toBe(303);

  const replayed = await rawRequest(port, { path: '/admin', headers: { Cookie: savedCookie } });
  expect(replayed.status).toBe(303);
  expect(replayed.headers.location).toMatch(/^\/admin\/login/);
});
