import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.ts';
import { isValidHost } from './public-origin.ts';

/** Methods the Fetch API refuses to build a Request for: Astro would fail with a 500 on them. */
const UNSUPPORTED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Requests refused before the Astro app sees them, because it would fail on them with a 500 and
 * log their URL (personal tokens included): a method Fetch cannot carry, or a Host header that is
 * no host (`a@evil.example` makes a URL with credentials, which Request rejects).
 */
export function malformedRequest(request: IncomingMessage): HttpError | undefined {
  if (UNSUPPORTED_METHODS.has(request.method ?? '')) {
    return new HttpError(405, 'method-not-allowed', `This site does not answer ${request.method} requests.`, {
      headers: { Allow: 'GET, HEAD, POST, OPTIONS' },
    });
  }
  const host = request.headers.host;
  if (host !== undefined && !isValidHost(host)) {
    return new HttpError(400, 'bad-host', 'The Host header is not a host name.');
  }
  return undefined;
}
