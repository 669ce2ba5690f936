import type { IncomingMessage } from 'node:http';
import type { APIContext } from 'astro';
import { readBodyText, tooLarge } from './http.ts';
import { identifyNodeRequest } from './public-origin.ts';

/**
 * A player API request as its handlers read it, whether Node's server delivered it straight (the
 * production fast path, see node-server.ts) or Astro did (`astro dev`): one set of handlers for
 * both, so the two routes cannot drift apart.
 */
export interface ApiRequest {
  slug: string;
  origin: string | null | undefined;
  fetchSite: string | null | undefined;
  publicOrigin: string;
  userAgent: string;
  cookie(name: string): string | undefined;
  /** The body as text; rejects with a 413 beyond `limit` bytes. */
  readBody(limit: number): Promise<string>;
}

export function apiRequestOfAstro(context: APIContext): ApiRequest {
  return {
    slug: context.params.slug ?? '',
    origin: context.request.headers.get('origin'),
    fetchSite: context.request.headers.get('sec-fetch-site'),
    publicOrigin: context.locals.request.publicOrigin,
    userAgent: context.request.headers.get('user-agent') ?? '',
    cookie: (name) => context.cookies.get(name)?.value,
    readBody: (limit) => readBodyText(context.request, limit),
  };
}

export function apiRequestOfNode(request: IncomingMessage, slug: string): ApiRequest {
  return {
    slug,
    origin: request.headers.origin,
    fetchSite: header(request, 'sec-fetch-site'),
    publicOrigin: identifyNodeRequest(request).publicOrigin,
    userAgent: header(request, 'user-agent') ?? '',
    cookie: (name) => cookieValue(request.headers.cookie, name),
    readBody: (limit) => readNodeBody(request, limit),
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (pair.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** What an oversized body may still send after the 413, read and dropped so the answer arrives. */
const DISCARD_LIMIT = 1024 * 1024;

/**
 * The body, up to `limit` bytes. Beyond that it rejects with a 413 and keeps reading what the
 * client still sends into nothing: closing a socket with unread data makes TCP answer with a
 * reset, and the client would never see the 413. A client that sends more than DISCARD_LIMIT is
 * cut off.
 */
function readNodeBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    const overflow = () => {
      request.removeAllListeners('data');
      let discarded = 0;
      request.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > DISCARD_LIMIT) request.destroy();
      });
      reject(tooLarge(limit));
    };
    if (declared > limit) return overflow();
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) overflow();
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
