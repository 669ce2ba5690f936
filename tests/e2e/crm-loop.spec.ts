import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { importCustomerGroups, quizAnswers, relative, runCli } from './support.ts';

const PROJECT = 'new-year-traditions';
const answers = quizAnswers(PROJECT);

async function playToTheEnd(page: Page, url: string) {
  await page.goto(relative(url));
  await page.getByRole('button', { name: 'Играю' }).click();
  for (const [index, answer] of answers.entries()) {
    await page.getByRole('button', { name: answer ? 'Верю' : 'Не верю', exact: true }).click();
    await page.getByRole('button', { name: index === answers.length - 1 ? 'Узнать результат' : 'Дальше' }).click();
  }
  await expect(page.getByText(`${answers.length} из ${answers.length}`)).toBeVisible();
}

test('customers imported, two links played, orders imported and pushed: the dashboard shows who came back', async ({
  browser,
  baseURL,
}, testInfo) => {
  // Four CLI runs, two plays and two full-page screenshots: more than a minute on a loaded machine.
  test.setTimeout(150_000);
  const { mailed, control } = importCustomerGroups(PROJECT, 'tests/e2e/fixtures/crm-customers.csv');
  expect(mailed.size + control.length).toBe(40);
  expect(control).toHaveLength(4);
  const [first, second, third] = [...mailed.entries()];
  if (!first || !second || !third) throw new Error('too few mailed customers');

  for (const [, url] of [first, second]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    await playToTheEnd(await context.newPage(), url);
    await context.close();
  }

  // Within the 30-day window after the send date (2020-12-14): the first player, a mailed customer
  // who never played, and a control customer; the second player bought before the send, which does not count.
  const ordersFile = path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-orders-')), 'orders.csv');
  writeFileSync(
    ordersFile,
    [
      'order_id;customer_id;ordered_at;amount',
      `o-1;${first[0]};2020-12-20T12:00:00+03:00;4 990,00`,
      `o-2;${second[0]};2020-12-01T12:00:00+03:00;1 200`,
      `o-3;${control[0]};2020-12-22T18:30:00+03:00;15 000`,
    ].join('\r\n'),
  );
  expect(runCli(['orders', 'import', PROJECT, ordersFile])).toContain('3 orders added, 0 already stored');
  expect(runCli(['orders', 'import', PROJECT, ordersFile])).toContain('0 orders added, 3 already stored');

  const pushed = await fetch(`${baseURL}/api/${PROJECT}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.REKINDLE_API_KEY}` },
    body: JSON.stringify({ orders: [{ orderId: 'o-4', customerId: third[0], orderedAt: '2020-12-28T10:00:00+03:00', amount: 2500 }] }),
  });
  expect(pushed.status).toBe(200);
  expect(await pushed.json()).toMatchObject({ added: 1, duplicates: 0 });
  const forged = await fetch(`${baseURL}/api/${PROJECT}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong' },
    body: JSON.stringify({ orders: [] }),
  });
  expect(forged.status).toBe(401);

  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const unauthenticated = await admin.request.get(`${baseURL}/admin/${PROJECT}/customers.csv`);
  expect(unauthenticated.status()).toBe(401);
  await admin.goto(`/admin/${PROJECT}`);
  await admin.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await admin.getByRole('button', { name: /Войти|Sign in/ }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText('Верю — не верю');
  // Reactivated in the mailed group: the first player and the customer who never played (2 of 36).
  await expect(admin.getByText('2 / 21 659')).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath('dashboard-desktop.png'), fullPage: true });
  await admin.setViewportSize({ width: 360, height: 780 });
  await admin.screenshot({ path: testInfo.outputPath('dashboard-phone.png'), fullPage: true });

  const csv = await admin.request.get(`${baseURL}/admin/${PROJECT}/customers.csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split(/\r?\n/);
  const row = (customerId: string) => lines.find((line) => line.startsWith(`${customerId},`)) ?? '';
  expect(lines).toHaveLength(41);
  // customer_id, group, visited, completed, gift, reactivated, …: the visit beacons counted.
  expect(row(first[0])).toMatch(new RegExp(`^${first[0]},target,1,1,1,1,`));
  expect(row(second[0])).toMatch(new RegExp(`^${second[0]},target,1,1,1,0,`));
  expect(row(third[0])).toMatch(new RegExp(`^${third[0]},target,0,0,0,1`));
  expect(row(control[0] ?? '')).toMatch(/,control,0,0,0,1/);
});
