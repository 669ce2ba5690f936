import { expect, test } from '@playwright/test';
import { rawRequest, startServerProcess, type ServerProcess } from './server-process.ts';

const TOKEN = 'metrics-token-0123456789';
let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServerProcess({ REKINDLE_METRICS_TOKEN: TOKEN });
});
test.afterAll(async () => server.stop());

test('Prometheus metrics answer only with the token, by route pattern, with no token of a player in them', async ({ baseURL }) => {
  const port = Number(new URL(baseURL ?? '').port);
  expect((await rawRequest(port, { path: '/api/metrics' })).status).toBe(404);

  await rawRequest(server.port, { path: '/home-habits-quiz?c=personalToken0123456789' });
  expect((await rawRequest(server.port, { path: '/api/metrics' })).status).toBe(401);
  const scraped = await rawRequest(server.port, { path: '/api/metrics', headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(scraped.status).toBe(200);
  expect(scraped.body).toContain('rekindle_http_requests_total{route="/:project",status="200"} 1');
  expect(scraped.body).toContain('rekindle_event_ack_seconds_bucket');
  // Read from the store at scrape time, through the built app's modules and the server's registry.
  expect(scraped.body).toMatch(/rekindle_promo_codes_left\{project="home-habits-quiz",pool="[^"]+"\} \d+/);
  expect(scraped.body).toContain('rekindle_webhook_outbox_pending 0');
  expect(scraped.body).not.toContain('personalToken');
});
