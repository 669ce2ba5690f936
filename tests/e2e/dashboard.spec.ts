import { expect, test, type Page } from '@playwright/test';
import { importCustomers } from './support.ts';

/** The dashboard as an operator reads it: in one language, without contradictions, at 360 px too. */

const PROJECT = 'march-8-greetings';

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
}

test.beforeAll(() => {
  importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
});

test('the dashboard keeps its language from the list to an English project’s page', async ({ page }) => {
  await signIn(page, '/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Спецпроекты' })).toBeVisible();
  await page.getByRole('link', { name: /Fact or Fiction/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Воронка' })).toBeVisible();

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Funnel' })).toBeVisible();
  await page.getByRole('link', { name: '← All projects' }).click();
  await page.getByRole('link', { name: /Генератор поздравлений/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Funnel' })).toBeVisible();
  await page.getByRole('link', { name: 'Русский' }).click();
});

test('before any order the headline says so, and at 360 px the rate columns are on screen', async ({ page }, testInfo) => {
  await signIn(page, `/admin/${PROJECT}?lang=ru`);
  await expect(page.getByTestId('no-orders')).toContainText('Заказы ещё не загружены');
  await expect(page.locator('.headline .figure')).not.toContainText('−100%');
  // Other tests may have shared a card by now: either way the section must not say both.
  const sharedSomething = (await page.getByTestId('viral-loop').count()) > 0;
  await expect(page.getByText('Пока никто не делился')).toHaveCount(sharedSomething ? 0 : 1);

  const segments = page.getByRole('region', { name: 'Сегмент', exact: true });
  const rateHeader = segments.getByRole('columnheader', { name: 'Доля: Цель' });
  const box = await rateHeader.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(360);
  // The rest of the table is a named, focusable region: a keyboard scrolls it with the arrow keys.
  await expect(segments).toHaveAttribute('tabindex', '0');

  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  await page.screenshot({ path: testInfo.outputPath('dashboard-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('dashboard-desktop.png'), fullPage: true });
});

test('promo pools are named by who gets their codes', async ({ page }) => {
  await signIn(page, '/admin/home-habits-quiz?lang=en');
  const pools = page.getByRole('region', { name: 'Promo codes' });
  await expect(pools.getByRole('rowheader', { name: /Tier “vip”/ })).toBeVisible();
  await expect(pools.getByRole('rowheader', { name: /Everyone else/ })).toBeVisible();
});
