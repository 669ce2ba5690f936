import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { contentTypeOf } from './content-type.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Astro puts hashed bundles here: a new build gives a new name, so they may be cached for good. */
const HASHED_PREFIX = '/_astro/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files with stable names (favicon): revalidated with their ETag after an hour. */
const REVALIDATED = 'public, max-age=3600';
/** Text compresses; fonts (woff2 is already compressed) and pictures are sent as they are. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|map)$/;

interface StaticFile {
  body: Buffer;
  /** Filled on first request, then served from memory: compressing costs once per build. */
  br?: Promise<Buffer>;
  gzip?: Promise<Buffer>;
  type: string;
  etag: string;
  cacheControl: string;
}

export interface StaticFiles {
  /** Answers the request if it asks for a file of the build; false when it is for the app. */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
}

/**
 * The build's browser files (dist/client: bundles, CSS, fonts, favicon), read into memory once at
 * start; the build never changes while the server runs. Each request for one is answered from
 * memory, brotli- or gzip-compressed as the browser accepts; every other request goes straight
 * to the app, without the file system look-up per request that Astro's standalone server made
 * (a failed stat on every page and API call was a tenth of a page's CPU).
 */
export async function loadStaticFiles(clientDir: string): Promise<StaticFiles> {
  const files = new Map<string, StaticFile>();
  for (const entry of await readdir(clientDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const urlPath = `/${path.relative(clientDir, file).split(path.sep).join('/')}`;
    const body = await readFile(file);
    files.set(urlPath, {
      body,
      type: contentTypeOf(entry.name),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: urlPath.startsWith(HASHED_PREFIX) ? IMMUTABLE : REVALIDATED,
    });
  }
  return {
    serve(request, response) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const file = files.get(pathOf(request.url ?? '/'));
      if (!file) return false;
      void answer(request, response, file).catch((error: unknown) => {
        console.error('[rekindle] static file failed:', error);
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
      return true;
    },
  };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

async function answer(request: IncomingMessage, response: ServerResponse, file: StaticFile): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': file.type,
    'Cache-Control': file.cacheControl,
    ETag: file.etag,
    'X-Content-Type-Options': 'nosniff',
  };
  const compressible = COMPRESSIBLE.test(request.url ?? '');
  if (compressible) headers.Vary = 'Accept-Encoding';
  if (request.headers['if-none-match'] === file.etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const encoding = compressible ? acceptedEncoding(request.headers['accept-encoding']) : undefined;
  const body = encoding ? await compressed(file, encoding) : file.body;
  if (encoding) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(body.byteLength);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** brotli when the browser takes it (every current one over HTTPS), else gzip, else none. */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!parameters.some((parameter) => /^q=0(\.0*)?$/.test(parameter))) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

function compressed(file: StaticFile, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'br') {
    file.br ??= brotli(file.body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: file.body.byteLength },
    });
    return file.br;
  }
  file.gzip ??= gzipped(file.body, { level: constants.Z_BEST_COMPRESSION });
  return file.gzip;
}
