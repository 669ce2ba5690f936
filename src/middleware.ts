import { defineMiddleware } from 'astro/middleware';
import { ADMIN_HEADERS, adminGate, isAdminPath } from './admin/guard.ts';
import { errorResponse, HttpError, httpErrorOf, isCrossSiteForm } from './server/http.ts';
import { StorageUnavailableError } from './storage/errors.ts';
import { identifyRequest } from './server/public-origin.ts';
import { rememberPlayPage } from './server/play-page-cache.ts';

/**
 * Runs before every route: it decides the request's public origin and client address once (see
 * public-origin.ts), refuses cross-site form posts against that origin, and guards /admin. Astro's
 * own `checkOrigin` is off because it compares with the socket's `http://` origin, which behind a
 * TLS proxy never matches what the browser sends.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  context.locals.request = identifyRequest({
    peerAddress: context.clientAddress,
    encrypted: context.url.protocol === 'https:',
    header: (name) => context.request.headers.get(name),
  });
  if (isCrossSiteForm(context.request, context.locals.request.publicOrigin)) {
    return errorResponse(new HttpError(403, 'cross-origin', 'Forms from other sites are not accepted.'));
  }
  if (!isAdminPath(context.url.pathname)) {
    const response = await render(next);
    return context.locals.playPage ? rememberPlayPage(context.locals.playPage, response) : response;
  }
  const gate = await adminGate(context);
  if (gate instanceof Response) return withHeaders(gate, ADMIN_HEADERS);
  context.locals.admin = gate;
  return withHeaders(await render(next), ADMIN_HEADERS);
});

async function render(next: () => Promise<Response>): Promise<Response> {
  try {
    return await next();
  } catch (error) {
    // Pages read the store too: while the database is away they answer the same 503 as the API.
    if (error instanceof StorageUnavailableError) return errorResponse(httpErrorOf(error));
    throw error;
  }
}

/** Admin answers are private, never cached, indexed or framed, whichever route made them. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    // Some responses (redirects) have immutable headers: copy them into a new one.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
