import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressAppResponse } from '../../../src/server/compression.ts';

const page = `<!doctype html><html lang="ru"><body>${'<p>Верю — не верю</p>'.repeat(200)}</body></html>`;
let server: http.Server;
let origin: string;

/** Answers as Astro's writeResponse does: head first, then the body in streamed pieces. */
beforeAll(async () => {
  server = http.createServer((request, response) => {
    compressAppResponse(request, response);
    const url = request.url ?? '/';
    if (url === '/page') {
      response.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['rk_quiz=signed; HttpOnly'] });
      response.write(Buffer.from(page.slice(0, 1000)));
      response.write(Buffer.from(page.slice(1000)));
      response.end();
    } else if (url === '/small') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"started":true}');
    } else {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': '2000' });
      response.end(Buffer.alloc(2000, 1));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function get(urlPath: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .request(`${origin}${urlPath}`, { headers, method }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

describe('compressAppResponse', () => {
  it('sends a page brotli-compressed, whole, with its cookies and a Vary header', async () => {
    const answer = await get('/page', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['set-cookie']).toEqual(['rk_quiz=signed; HttpOnly']);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.byteLength);
    expect(answer.body.byteLength).toBeLessThan(Buffer.byteLength(page) / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(page);
  });

  it('uses gzip for a browser without brotli and sends the page as it is to one that takes neither', async () => {
    expect(gunzipSync((await get('/page', { 'Accept-Encoding': 'gzip' })).body).toString()).toBe(page);
    const plain = await get('/page', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });

  it('leaves small answers, images and HEAD requests uncompressed', async () => {
    const small = await get('/small', { 'Accept-Encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('{"started":true}');
    const image = await get('/image.png', { 'Accept-Encoding': 'br' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.byteLength).toBe(2000);
    const head = await get('/page', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
  });
});
