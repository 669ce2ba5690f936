import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncoding, loadStaticFiles } from '../../../src/server/static-files.ts';

const script = `export const greeting = ${JSON.stringify('Привет, '.repeat(500))};\n`;
let dir: string;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rekindle-static-'));
  await mkdir(path.join(dir, '_astro'));
  await writeFile(path.join(dir, '_astro', 'Player.abc123.js'), script);
  await writeFile(path.join(dir, '_astro', 'font.def456.woff2'), Buffer.alloc(4000, 7));
  await writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const files = await loadStaticFiles(dir);
  server = http.createServer((request, response) => {
    if (!files.serve(request, response)) response.writeHead(418).end('the app');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${origin}${urlPath}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static files of the build', () => {
  it('sends a bundle brotli-compressed to a browser that takes it, and caches it for a year', async () => {
    const answer = await get('/_astro/Player.abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body.byteLength).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the bytes as they are', async () => {
    const gzipped = await get('/_astro/Player.abc123.js', { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);
    const plain = await get('/_astro/Player.abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('sends fonts as they are and answers a known ETag with 304', async () => {
    const font = await get('/_astro/font.def456.woff2', { 'Accept-Encoding': 'br' });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['content-type']).toBe('font/woff2');
    const again = await get('/_astro/font.def456.woff2', { 'If-None-Match': String(font.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
  });

  it('lets files with stable names be revalidated, and leaves every other path to the app', async () => {
    expect((await get('/favicon.svg')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await get('/new-year-traditions?c=abc')).status).toBe(418);
    expect((await get('/_astro/missing.js')).status).toBe(418);
  });
});

describe('acceptedEncoding', () => {
  it('prefers brotli, honours q=0 and takes no encoding when none is offered', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(acceptedEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding(undefined)).toBeUndefined();
  });
});
