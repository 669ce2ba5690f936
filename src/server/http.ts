import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';
import { log } from './log.ts';
import { storageTrouble } from './storage-trouble.ts';

export { HttpError } from './http-error.ts';

/** The one writer of the error body, for Astro routes and Node handlers alike. */
export function errorBody(error: HttpError): string {
  return JSON.stringify({ error: { message: error.message, code: error.code, status: error.status, ...error.details } });
}

const ERROR_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** The error answered on Node's response, for handlers that run before Astro. */
export function writeError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(error.status, { ...ERROR_HEADERS, ...error.headers }).end(errorBody(error));
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

export function errorResponse(error: HttpError): Response {
  return new Response(errorBody(error), { status: error.status, headers: { ...ERROR_HEADERS, ...error.headers } });
}

/**
 * Runs an API handler and turns every thrown HttpError into its JSON response. Anything else is
 * a bug: it is logged (without the request URL, which may carry a personal token) and answered
 * with a generic 500, so internals never reach the browser.
 */
export async function handleApi(run: () => Promise<Response>): Promise<Response> {
  try {
    const response = await run();
    storageTrouble.recovered();
    return response;
  } catch (error) {
    return errorResponse(httpErrorOf(error));
  }
}

/**
 * What to answer for anything a handler threw: its own HttpError, a 503 while the disk refuses
 * writes, or, for a bug, a generic 500 (logged without the request URL, which may carry a
 * personal token), so internals never reach the browser.
 */
export function httpErrorOf(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const refusal = storageTrouble.refusal(error);
  if (refusal) return refusal;
  log.error({ err: error }, 'unhandled error');
  return new HttpError(500, 'internal', 'The server failed to handle this request. Try again later.');
}

/**
 * State-changing JSON requests check Origin against the public origin (public-origin.ts): a page
 * on another site must not be able to answer questions or claim gifts in a player's name.
 * Browsers always send Origin on cross-origin POSTs; a request with neither Origin nor a matching
 * Sec-Fetch-Site is refused too.
 */
export function assertSameOrigin(request: Request, publicOrigin: string): void {
  assertSameOriginHeaders(request.headers.get('origin'), request.headers.get('sec-fetch-site'), publicOrigin);
}

/** The same check from raw header values, for handlers that run before Astro builds a Request. */
export function assertSameOriginHeaders(
  origin: string | null | undefined,
  fetchSite: string | null | undefined,
  publicOrigin: string,
): void {
  if (origin) {
    if (origin === publicOrigin) return;
    throw new HttpError(403, 'cross-origin', 'Requests from other sites are not accepted.');
  }
  if (fetchSite === 'same-origin') return;
  throw new HttpError(403, 'origin-missing', 'The request has no Origin header; send it from the project page.');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * A state-changing request a page on another site could send without CORS (a form post, or no
 * content type at all) whose Origin is not ours. The rule of Astro's `checkOrigin`, against the
 * public origin instead of the socket's.
 */
export function isCrossSiteForm(request: Request, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.headers.get('origin') === publicOrigin) return false;
  const contentType = request.headers.get('content-type')?.toLowerCase();
  return contentType === undefined || FORM_TYPES.some((type) => contentType.includes(type));
}

export const DEFAULT_BODY_LIMIT = 16 * 1024;

/**
 * Reads a JSON body of at most `limit` bytes and validates it with `schema`. The size is checked
 * while streaming, so a client that lies in Content-Length cannot make the server buffer more.
 */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  limit = DEFAULT_BODY_LIMIT,
): Promise<z.output<Schema>> {
  return parseJsonBody(await readBodyText(request, limit), schema);
}

/** A body's text parsed as JSON and checked against `schema`, or a 400 saying what is wrong with it. */
export function parseJsonBody<Schema extends z.ZodType>(text: string, schema: Schema): z.output<Schema> {
  const result = schema.safeParse(parseJson(text));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, 'invalid-body', `The request body is not what this endpoint takes: ${where}${issue?.message ?? 'invalid'}.`);
}

export function parseJson(text: string): unknown {
  if (text.length === 0) throw new HttpError(400, 'empty-body', 'The request has no body; send JSON.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON.');
  }
}

export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body-too-large', `The request body is larger than ${limit} bytes.`);
}

/** Headers for pages whose URL carries a personal token: it must not leak through Referer or caches. */
export const PRIVATE_PAGE_HEADERS: Record<string, string> = {
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'private, no-store',
  // The page greets the customer by name: keep it out of search engines.
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
};

/** If-None-Match may list several tags, weak ones (W/"…") included, or `*`. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
