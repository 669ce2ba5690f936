import { expect, test } from '@playwright/test';
import { RawPlayer } from './raw-player.ts';
import { rawRequest, startServerProcess, type ServerProcess } from './server-process.ts';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => server.stop());

test('odd methods, a Host with credentials and the image optimizer get 4xx, and no token reaches the log', async () => {
  for (const path of ['/', '/admin', '/home-habits-quiz', '/api/health']) {
    const traced = await rawRequest(server.port, { method: 'TRACE', path });
    expect(traced.status, path).toBe(405);
    expect(JSON.parse(traced.body)).toMatchObject({ error: { code: 'method-not-allowed', status: 405 } });
  }
  const token = 'personalToken0123456789';
  const smuggled = await rawRequest(server.port, { path: `/home-habits-quiz?c=${token}`, headers: { Host: 'a@evil.example' } });
  expect(smuggled.status).toBe(400);
  const image = await rawRequest(server.port, { path: '/_image?href=/favicon.svg&f=png' });
  expect(image.status).toBe(404);
  expect(server.output()).not.toContain(token);
  expect(server.output()).not.toMatch(/Could not render|\n\s+at /);
});

test('a beacon body over the limit gets a 413 answer, not a connection reset', async () => {
  const origin = `http://127.0.0.1:${server.port}`;
  const player = new RawPlayer(server.port, 'home-habits-quiz', {});
  await player.open();
  for (const size of [2048, 200_000]) {
    const response = await player.post('visit', { page: 'project', padding: 'x'.repeat(size) }, origin);
    expect(response.status, `${size} bytes`).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'body-too-large', status: 413 } });
  }
  expect((await player.post('visit', { page: 'project' }, origin)).status).toBe(204);
});
