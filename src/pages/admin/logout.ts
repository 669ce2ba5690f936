import type { APIRoute } from 'astro';
import { ADMIN_COOKIE_PATH, adminAccess, SESSION_COOKIE } from '../../admin/guard.ts';
import { formText, readSmallForm } from '../../admin/login.ts';
import { verifyCsrf } from '../../admin/session.ts';
import { errorResponse, HttpError } from '../../server/http.ts';
import { getStorage } from '../../storage/index.ts';

/**
 * Sign-out: revokes the session (a copy of the cookie saved before stops working too) and clears
 * the cookie. The form's CSRF token is bound to the session it ends.
 */
export const POST: APIRoute = async (context) => {
  const access = await adminAccess(context.cookies);
  if (access.status === 'signed-in') {
    const token = formText(await readSmallForm(context.request), 'csrf');
    if (!verifyCsrf(access.auth.secret, access.session, token)) {
      return errorResponse(new HttpError(403, 'stale-form', 'The sign-out form had expired; reload the page and sign out again.'));
    }
    await (await getStorage()).admin.revokeSession(access.session, access.expiresAt.getTime());
  }
  context.cookies.delete(SESSION_COOKIE, { path: ADMIN_COOKIE_PATH });
  return context.redirect('/admin/login', 303);
};
