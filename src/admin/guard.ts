import type { AstroCookies } from 'astro';
import { errorResponse, HttpError } from '../server/http.ts';
import { getStorage } from '../storage/index.ts';
import { adminAuth, type AdminAuth } from './auth.ts';
import { verifySession } from './session.ts';

/**
 * The session check every admin URL passes before touching any data, run by src/middleware.ts
 * for every path under /admin (the sign-in and sign-out forms excepted), so a new admin route
 * cannot forget it.
 */

export const SESSION_COOKIE = 'rekindle_admin';
export const CSRF_COOKIE = 'rekindle_admin_csrf';
export const DEVICE_COOKIE = 'rekindle_admin_device';
/** Both cookies are sent to admin URLs only, never to the player-facing pages. */
export const ADMIN_COOKIE_PATH = '/admin';

export type ConfiguredAuth = Extract<AdminAuth, { configured: true }>;

export type AdminAccess =
  | { status: 'unconfigured' }
  | { status: 'signed-out'; auth: ConfiguredAuth }
  | { status: 'signed-in'; auth: ConfiguredAuth; session: string; expiresAt: Date };

export async function adminAccess(cookies: AstroCookies, now = new Date()): Promise<AdminAccess> {
  const auth = await adminAuth();
  if (!auth.configured) return { status: 'unconfigured' };
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

/** Admin URLs anyone may open. */
const OPEN_PATHS = new Set(['/admin/login', '/admin/logout']);

export function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}

export type AdminGate = Exclude<AdminAccess, { status: 'signed-out' }>;

interface GateContext {
  cookies: AstroCookies;
  url: URL;
  redirect(path: string, status?: 301 | 302 | 303 | 307 | 308): Response;
}

/**
 * For a request under /admin: undefined for the open forms; a response for a visitor who may not
 * pass (pages send them to the login page and back afterwards; data URLs such as CSV exports get
 * a 401/503 JSON error); else the access the page renders with (signed in, or unconfigured: the
 * page explains how to set a password and shows no data).
 */
export async function adminGate(context: GateContext): Promise<AdminGate | Response | undefined> {
  if (OPEN_PATHS.has(context.url.pathname)) return undefined;
  const access = await adminAccess(context.cookies);
  const isData = /\.[a-z]+$/.test(context.url.pathname);
  if (isData && access.status === 'unconfigured') {
    return errorResponse(
      new HttpError(
        503,
        'admin-not-configured',
        'The admin dashboard has no password yet; set REKINDLE_ADMIN_PASSWORD_HASH on the server.',
      ),
    );
  }
  if (access.status !== 'signed-out') return access;
  if (isData) return errorResponse(new HttpError(401, 'admin-login-required', 'Sign in at /admin/login to download this file.'));
  const back = `${context.url.pathname}${context.url.search}`;
  return context.redirect(`/admin/login?next=${encodeURIComponent(back)}`, 303);
}

/** The access the middleware let through, for an admin page. */
export function adminGateOf(locals: App.Locals): AdminGate {
  if (!locals.admin) throw new Error('admin page rendered without the admin gate; is src/middleware.ts in place?');
  return locals.admin;
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
