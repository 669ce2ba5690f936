import { expect, test } from '@playwright/test';
import { importCustomers, relative } from './support.ts';

/** A campaign link forwarded in a messenger shows the project's picture and texts, never the customer's name. */

const PROJECT = 'new-year-traditions';

test('a personal play page carries the project’s og: and twitter: preview without the name or the token', async ({ page, request }) => {
  const links = importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
  const personal = links.get('c-1001');
  if (!personal) throw new Error('no link for c-1001');
  await page.goto(relative(personal));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Анна');

  const meta = (attribute: string, name: string) => page.locator(`meta[${attribute}="${name}"]`).getAttribute('content');
  const image = await meta('property', 'og:image');
  expect(image).toMatch(new RegExp(`/${PROJECT}/og\\.png$`));
  expect(await meta('property', 'og:url')).toMatch(new RegExp(`/${PROJECT}$`));
  expect(await meta('name', 'twitter:card')).toBe('summary_large_image');
  expect(await meta('name', 'twitter:image')).toBe(image);
  const head = await page.locator('head').innerHTML();
  expect(head).not.toContain('Анна');
  expect(head).not.toContain('c=');

  const png = await request.get(image ?? '');
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
});

test('the anonymous play page has the same preview', async ({ page }) => {
  await page.goto(`/${PROJECT}`);
  expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toMatch(/^Верю\s—\sне\sверю/);
  expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toMatch(/og\.png$/);
});
