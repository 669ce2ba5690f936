import { expect, test } from '@playwright/test';
import { RawPlayer } from './raw-player.ts';

/** Personal pages greet the customer by name: search engines must neither index nor follow them. */
test('personal pages say noindex, robots.txt keeps crawlers off personal links, http pages send no secure_url', async ({
  request,
  baseURL,
}) => {
  const page = await request.get('/home-habits-quiz?c=not-a-real-token-000');
  expect(page.headers()['x-robots-tag']).toBe('noindex, nofollow');
  expect(await page.text()).toContain('<meta name="robots" content="noindex, nofollow"');

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain('Disallow: /*?c=');

  const port = Number(new URL(baseURL ?? '').port);
  const shared = await new RawPlayer(port, 'home-habits-quiz', { Host: `127.0.0.1:${port}` }).share(baseURL ?? '');
  const sharePage = await (await request.get(`/s/${shared.id}`)).text();
  expect(sharePage).toContain('property="og:image"');
  expect(sharePage).not.toContain('og:image:secure_url');
});
