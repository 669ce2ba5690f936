import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importCustomers, relative } from './support.ts';

const PROJECT = 'why-did-you-leave';
let links: Map<string, string>;

test.beforeAll(() => {
  links = importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
});

test('a churned customer answers why they left at phone width, gets the remedy for that reason, shares a card without their words, and the dashboard counts it', async ({
  page,
  browser,
}, testInfo) => {
  const url = links.get('c-1001');
  if (!url) throw new Error('c-1001 got no mailed link (held out as control?)');
  await page.goto(relative(url));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Анна, нам вас не хватает');
  await page.screenshot({ path: testInfo.outputPath('01-intro-360.png'), fullPage: true, animations: 'disabled' });
  await page.getByRole('button', { name: 'Ответить' }).click();

  await expect(page.getByRole('heading', { name: 'Почему вы перестали к нам заходить?' })).toBeFocused();
  await page.getByRole('button', { name: 'Дальше' }).click();
  await expect(page.getByRole('alert')).toHaveText('Выберите ответ, чтобы продолжить.');
  await page.getByText('Свой вариант', { exact: true }).click();
  await expect(page.getByPlaceholder('Напишите свой вариант')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('02-reason-own-360.png'), fullPage: true, animations: 'disabled' });
  await page.getByText('Стало дорого', { exact: true }).click();
  await page.getByRole('button', { name: 'Дальше' }).click();

  await expect(page.getByRole('heading', { name: /порекомендуете Hoff/ })).toBeFocused();
  await page.getByText('3', { exact: true }).click();
  await page.screenshot({ path: testInfo.outputPath('03-nps-360.png'), fullPage: true, animations: 'disabled' });
  await page.getByRole('button', { name: 'Дальше' }).click();

  await page.getByLabel('Что нам исправить в первую очередь?').fill('Верните старые цены на посуду');
  await page.getByRole('button', { name: 'Дальше' }).click();
  await expect(page.getByRole('heading', { name: 'Спасибо, что ответили!' })).toBeVisible();
  const gift = page.getByTestId('gift');
  await expect(gift.getByRole('heading', { name: 'Скидка 10% на следующую покупку' })).toBeVisible();
  await expect(gift.getByText(/^BACK10-/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('04-thanks-360.png'), fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('05-thanks-1280.png'), fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 360, height: 780 });

  const created = page.waitForResponse((response) => response.url().endsWith(`/api/${PROJECT}/share`));
  await page.getByRole('button', { name: 'Поделиться результатом' }).click();
  const share = (await (await created).json()) as { id: string; url: string };
  for (const format of ['og', 'story']) {
    const image = await page.request.get(`/s/${share.id}/${format}.png`);
    expect(image.headers()['content-type']).toBe('image/png');
    writeFileSync(testInfo.outputPath(`share-${format}.png`), await image.body());
  }
  const friend = await browser.newPage({ viewport: { width: 360, height: 780 } });
  await friend.goto(relative(share.url));
  await expect(friend.getByRole('link', { name: 'Пройти опрос' })).toBeVisible();
  await expect(friend.locator('body')).not.toContainText('Верните старые цены');

  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await admin.goto(`/admin/${PROJECT}`);
  await admin.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await admin.getByRole('button', { name: /Войти|Sign in/ }).click();
  const reasons = admin.getByTestId('survey-reason');
  await expect(reasons.getByRole('row', { name: /Стало дорого/ })).toContainText('1');
  await expect(admin.getByTestId('survey-nps-nps')).toContainText('−100');
  await expect(admin.getByTestId('survey-own-answers')).toContainText('Верните старые цены на посуду');
  await admin.screenshot({ path: testInfo.outputPath('06-dashboard-1280.png'), fullPage: true });
  const csv = await admin.request.get(`/admin/${PROJECT}/sections/survey-own-answers.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('Что нам исправить в первую очередь?,Верните старые цены на посуду');
  const customers = await admin.request.get(`/admin/${PROJECT}/customers.csv`);
  expect((await customers.text()).split('\n').find((line) => line.startsWith('c-1001,'))).toContain('reason=expensive;nps=3');
  await admin.setViewportSize({ width: 360, height: 780 });
  await admin.getByTestId('survey-reason').screenshot({ path: testInfo.outputPath('07-dashboard-reasons-360.png') });
});
