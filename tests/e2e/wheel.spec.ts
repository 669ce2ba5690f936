import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importCustomers, relative } from './support.ts';

const PROJECT = 'new-year-wheel';
let links: Map<string, string>;

test.beforeAll(() => {
  links = importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
});

test('a customer spins the New Year wheel once at phone width, gets the prize as a gift, shares it, and the dashboard counts it', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const [url] = [...links.values()];
  if (!url) throw new Error('no mailed link');
  await page.goto(relative(url));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('крутите колесо');
  await page.screenshot({ path: testInfo.outputPath('01-intro-360.png'), fullPage: true, animations: 'disabled' });

  await page.getByRole('button', { name: 'К колесу' }).click();
  const wheel = page.getByRole('img', { name: /Колесо призов: −1000 ₽, Книга идей/ });
  await expect(wheel).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('02-wheel-360.png'), fullPage: true, animations: 'disabled' });

  await page.getByRole('button', { name: 'Крутить колесо' }).click();
  const prize = page.getByRole('heading', { name: /^Ваш приз: / });
  await expect(prize).toBeFocused({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Крутить колесо' })).toHaveCount(0);
  await expect(page.getByTestId('gift').getByRole('heading', { level: 2 })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('03-prize-360.png'), fullPage: true, animations: 'disabled' });

  const second = await page.request.post(`/api/${PROJECT}/play`, {
    headers: { Origin: baseURL ?? '' },
    data: { action: { type: 'spin' } },
  });
  expect(second.status()).toBe(409);
  expect(await second.json()).toMatchObject({ error: { code: 'no-spins-left', message: expect.stringMatching(/попытки/) } });

  await page.reload();
  await expect(page.getByRole('heading', { name: /^Ваш приз: / })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('04-prize-1280.png'), fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 360, height: 780 });

  const created = page.waitForResponse((response) => response.url().endsWith(`/api/${PROJECT}/share`));
  await page.getByRole('button', { name: 'Поделиться результатом' }).click();
  const share = (await (await created).json()) as { id: string; url: string };
  // Drawing the image may take a while on a loaded machine; the images are checked directly below.
  await expect(page.locator('img.share-preview')).toHaveJSProperty('complete', true, { timeout: 30_000 });
  for (const format of ['og', 'story']) {
    const image = await page.request.get(`/s/${share.id}/${format}.png`);
    expect(image.headers()['content-type']).toBe('image/png');
    writeFileSync(testInfo.outputPath(`share-${format}.png`), await image.body());
  }
  const friend = await browser.newPage({ viewport: { width: 360, height: 780 } });
  await friend.goto(relative(share.url));
  await expect(friend.getByRole('link', { name: 'Крутить самому' })).toBeVisible();
  await friend.screenshot({ path: testInfo.outputPath('05-share-page-360.png'), fullPage: true });

  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await admin.goto(`/admin/${PROJECT}`);
  await admin.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await admin.getByRole('button', { name: /Войти|Sign in/ }).click();
  const table = admin.getByTestId('wheel-prizes');
  await expect(table.getByRole('heading')).toHaveText('Призы колеса: выдано и запас');
  const headers = await table.locator('thead th').allTextContents();
  const givenColumn = headers.indexOf('Выдано');
  const given = await table
    .locator('tbody tr')
    .evaluateAll((rows, column) => rows.map((row) => Number(row.children[column]?.textContent?.replace(/\s/g, ''))), givenColumn);
  expect(given.reduce((sum, count) => sum + count, 0)).toBe(1);
  await table.screenshot({ path: testInfo.outputPath('06-dashboard-1280.png') });
  await admin.setViewportSize({ width: 360, height: 780 });
  await table.screenshot({ path: testInfo.outputPath('07-dashboard-360.png') });
});

test('with reduced motion the wheel does not turn but jumps to the prize, and it spins from the keyboard', async ({ browser }) => {
  const url = [...links.values()][1];
  if (!url) throw new Error('no second mailed link');
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(relative(url));
  await page.getByRole('button', { name: 'К колесу' }).click();
  const spin = page.getByRole('button', { name: 'Крутить колесо' });
  await spin.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Ваш приз: / })).toBeFocused();
  const turning = await page
    .locator('svg.disc g')
    .first()
    .evaluate((group) => parseFloat(getComputedStyle(group).transitionDuration));
  expect(turning).toBeLessThan(0.01);
  await context.close();
});
