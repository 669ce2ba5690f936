import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, type LoadSpec } from '../../../bench/lib/load-generator.ts';

/** Answers 204 to requests carrying the cookie "player=good", 401 to the others; records what it saw. */
let server: http.Server;
let origin: string;
let dir: string;
const seen = { methods: new Set<string>(), bodies: new Set<string>(), cookies: new Set<string>() };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.methods.add(request.method ?? '');
      seen.bodies.add(body);
      seen.cookies.add(request.headers.cookie ?? '');
      response.statusCode = request.headers.cookie === 'player=good' ? 204 : 401;
      response.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'rekindle-load-test-'));
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

function spec(overrides: Partial<LoadSpec>): LoadSpec {
  return {
    url: `${origin}/visit`,
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: '{}',
    expectedStatus: 204,
    connections: 4,
    warmupSeconds: 0.1,
    durationSeconds: 0.3,
    maxRequests: 100_000,
    timeoutMs: 2000,
    ...overrides,
  };
}

describe('runLoad', () => {
  it('stops at the request cap and counts only expected answers as acknowledged', async () => {
    const cookieFile = join(dir, 'cookies.txt');
    await writeFile(cookieFile, 'player=good\nplayer=bad\n');
    const result = await runLoad(spec({ cookieFile, maxRequests: 200, durationSeconds: 5 }));
    const answers = (result.statuses['204'] ?? 0) + (result.statuses['401'] ?? 0);
    expect(answers).toBe(200);
    expect(result.acknowledged).toBe(result.statuses['204']);
    expect(result.statuses['204']).toBeGreaterThan(0);
    expect(result.statuses['401']).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(seen.bodies).toEqual(new Set(['{}']));
    expect(seen.cookies).toEqual(new Set(['player=good', 'player=bad']));
  });

  it('measures throughput and latency over the window after the warm-up', async () => {
    const cookieFile = join(dir, 'good.txt');
    await writeFile(cookieFile, 'player=good\n');
    const result = await runLoad(spec({ cookieFile, method: 'GET', body: undefined }));
    expect(seen.methods.has('GET')).toBe(true);
    expect(result.seconds).toBeGreaterThanOrEqual(0.3);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBeLessThan(result.acknowledged);
    // seconds is rounded to 10 ms, so the rate recomputed from it is close, not equal.
    expect(Math.abs(result.perSecond - result.requests / result.seconds)).toBeLessThan(result.perSecond * 0.05);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
  });

  it('counts refused connections as errors rather than failing', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const result = await runLoad(spec({ url: `http://127.0.0.1:${port}/`, maxRequests: 20 }));
    expect(result.errors).toBe(20);
    expect(result.acknowledged).toBe(0);
    expect(result.firstError).toMatch(/ECONNREFUSED/);
  });

  it('refuses to load another machine', async () => {
    await expect(runLoad(spec({ url: 'http://example.com/' }))).rejects.toThrow(/not on this machine; expected a loopback address/);
  });
});
