import type { AstroCookies } from 'astro';
import { HttpError } from '../server/http.ts';
import { getStorage } from '../storage/index.ts';
import { adminAuth, type AdminAuth } from './auth.ts';
import { verifySession } from './session.ts';

/**
 * The session check every admin page and export runs before touching any data. There is no
 * middleware in between on purpose: each admin route calls one of these first, so a new route
 * without the check stands out in review.
 */

export const SESSION_COOKIE = 'rekindle_admin';
export const CSRF_COOKIE = 'rekindle_admin_csrf';
export const DEVICE_COOKIE = 'rekindle_admin_device';
/** Both cookies are sent to admin URLs only, never to the player-facing pages. */
export const ADMIN_COOKIE_PATH = '/admin';

export type ConfiguredAuth = Extract<AdminAuth, { configured: true }>;

export type AdminAccess =
  | { status: 'unconfigured'; problem?: string }
  | { status: 'signed-out'; auth: ConfiguredAuth }
  | { status: 'signed-in'; auth: ConfiguredAuth; session: string; expiresAt: Date };

export async function adminAccess(cookies: AstroCookies, now = new Date()): Promise<AdminAccess> {
  const auth = await adminAuth();
  if (!auth.configured) return { status: 'unconfigured', problem: auth.problem };
  const session = cookies.get(SESSION_COOKIE)?.value;
  const check = verifySession(auth.secret, session, now);
  if (session && check.valid && !(await isSignedOut(session, now))) {
    return { status: 'signed-in', auth, session, expiresAt: check.expiresAt };
  }
  return { status: 'signed-out', auth };
}

/** A session its holder signed out of, on any instance; the cookie alone cannot tell. */
async function isSignedOut(session: string, now: Date): Promise<boolean> {
  return (await getStorage()).admin.isSessionRevoked(session, now.getTime());
}

interface PageContext {
  cookies: AstroCookies;
  url: URL;
  redirect(path: string, status?: 301 | 302 | 303 | 307 | 308): Response;
}

/**
 * For admin pages: the signed-in access, the unconfigured state (the page explains how to set a
 * password and shows no data), or a redirect to the login page that comes back here afterwards.
 */
export async function guardAdminPage(
  context: PageContext,
): Promise<Exclude<AdminAccess, { status: 'signed-out' }> | Response> {
  const access = await adminAccess(context.cookies);
  if (access.status !== 'signed-out') return access;
  const back = `${context.url.pathname}${context.url.search}`;
  return context.redirect(`/admin/login?next=${encodeURIComponent(back)}`, 303);
}

/** For admin data URLs (CSV exports): a 401/503 JSON error instead of a redirect. */
export async function guardAdminData(cookies: AstroCookies): Promise<void> {
  const access = await adminAccess(cookies);
  if (access.status === 'unconfigured') {
    throw new HttpError(503, 'admin-not-configured', 'The admin dashboard has no password yet; set REKINDLE_ADMIN_PASSWORD_HASH on the server.');
  }
  if (access.status === 'signed-out') {
    throw new HttpError(401, 'admin-login-required', 'Sign in at /admin/login to download this file.');
  }
}

/** Admin pages are private, never cached, never indexed and never framed. */
export const ADMIN_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

export function applyAdminHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(ADMIN_HEADERS)) headers.set(name, value);
}
