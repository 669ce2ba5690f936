import { defineMiddleware } from 'astro/middleware';
import { errorResponse, HttpError, httpErrorOf, isCrossSiteForm } from './server/http.ts';
import { StorageUnavailableError } from './storage/errors.ts';
import { identifyRequest } from './server/public-origin.ts';

/**
 * Runs before every route: it decides the request's public origin and client address once (see
 * public-origin.ts), and refuses cross-site form posts against that origin. Astro's own
 * `checkOrigin` is off because it compares with the socket's `http://` origin, which behind a TLS
 * proxy never matches what the browser sends.
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
  try {
    return await next();
  } catch (error) {
    // Pages read the store too: while the database is away they answer the same 503 as the API.
    if (error instanceof StorageUnavailableError) return errorResponse(httpErrorOf(error));
    throw error;
  }
});
