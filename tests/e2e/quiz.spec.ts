import { expect, test } from '@playwright/test';
import { importCustomers, quizAnswers, relative } from './support.ts';

const PROJECT = 'new-year-traditions';
const answers = quizAnswers(PROJECT);
let links: Map<string, string>;

test.beforeAll(() => {
  links = importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
});

function personalLink(customerId: string): string {
  const url = links.get(customerId);
  if (!url) throw new Error(`customer ${customerId} got no mailed link (held out as control?)`);
  return relative(url);
}

function firstMailedCustomer(): string {
  const [customerId] = [...links.keys()];
  if (!customerId) throw new Error('the import produced no mailed links');
  return customerId;
}

test('a customer plays the quiz from a personal link at phone width, resumes after reload, and gets the gift', async ({
  page,
  baseURL,
}, testInfo) => {
  const customerId = firstMailedCustomer();
  await page.goto(personalLink(customerId));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(', 2020 почти всё… Веришь?');
  await page.screenshot({ path: testInfo.outputPath('01-intro.png'), fullPage: true, animations: 'disabled' });

  const early = await page.request.post(`/api/${PROJECT}/gift`, { headers: { Origin: baseURL ?? '' } });
  expect(early.status()).toBe(403);
  expect((await early.json()).error.code).toBe('not-completed');

  await page.getByRole('button', { name: 'Играю' }).click();
  for (const [index, answer] of answers.entries()) {
    await expect(page.getByText(`Вопрос ${index + 1} из ${answers.length}`)).toBeVisible();
    if (index === 3) {
      await page.reload();
      await expect(page.getByText(`Вопрос 4 из ${answers.length}`)).toBeVisible();
    }
    // Right on every question but the last: the result must say 5 of 6.
    const choice = index === answers.length - 1 ? !answer : answer;
    await page.getByRole('button', { name: choice ? 'Верю' : 'Не верю', exact: true }).click();
    await expect(page.getByText(index === answers.length - 1 ? 'Не угадали' : 'Верно!')).toBeVisible();
    if (index === 0) await page.screenshot({ path: testInfo.outputPath('02-feedback.png'), fullPage: true, animations: 'disabled' });
    const next = index === answers.length - 1 ? 'Узнать результат' : 'Дальше';
    await page.getByRole('button', { name: next }).click();
  }

  await expect(page.getByText('5 из 6')).toBeVisible();
  const gift = page.getByTestId('gift');
  await expect(gift.getByRole('heading', { name: /новогодняя мини-книга/ })).toBeVisible();
  await expect(gift.getByRole('link', { name: /PDF/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('03-result-and-gift.png'), fullPage: true, animations: 'disabled' });

  await page.reload();
  await expect(page.getByText('5 из 6')).toBeVisible();
  await expect(page.getByTestId('gift').getByRole('link', { name: /PDF/ })).toBeVisible();

  const pdf = await page.request.get(`/${PROJECT}/gift/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('a forwarded link without a token, or with a broken one, plays anonymously', async ({ page }) => {
  for (const url of [`/${PROJECT}`, `/${PROJECT}?c=not-a-real-token-at-all`, `/${PROJECT}?c=%00%22<script>`]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('2020 почти всё… Веришь?');
  }
  await page.getByRole('button', { name: 'Играю' }).click();
  await expect(page.getByText(`Вопрос 1 из ${answers.length}`)).toBeVisible();
});

test('the start button stays disabled until the page script can handle a tap', async ({ page, request }) => {
  const html = await (await request.get(`/${PROJECT}`)).text();
  expect(html).toMatch(/<button class="rk-button" type="button" disabled[^>]*>\s*Играю/);
  await page.goto(`/${PROJECT}`);
  await expect(page.getByRole('button', { name: 'Играю' })).toBeEnabled();
});

test('the API refuses skipped questions, repeated answers, forged origins and junk bodies', async ({ page, baseURL }) => {
  await page.goto(`/${PROJECT}`);
  const origin = { Origin: baseURL ?? '' };
  await page.request.post(`/api/${PROJECT}/start`, { headers: origin, data: {} });

  const skip = await page.request.post(`/api/${PROJECT}/play`, {
    headers: origin,
    data: { action: { type: 'answer', question: 2, answer: true } },
  });
  expect(skip.status()).toBe(409);
  expect((await skip.json()).error.code).toBe('out-of-order');

  const first = await page.request.post(`/api/${PROJECT}/play`, {
    headers: origin,
    data: { action: { type: 'answer', question: 0, answer: true } },
  });
  expect(first.status()).toBe(200);
  const again = await page.request.post(`/api/${PROJECT}/play`, {
    headers: origin,
    data: { action: { type: 'answer', question: 0, answer: false } },
  });
  expect(again.status()).toBe(409);

  const forged = await page.request.post(`/api/${PROJECT}/play`, {
    headers: { Origin: 'https://evil.example' },
    data: { action: { type: 'answer', question: 1, answer: true } },
  });
  expect(forged.status()).toBe(403);

  const junk = await page.request.post(`/api/${PROJECT}/play`, {
    headers: { ...origin, 'Content-Type': 'application/json' },
    data: Buffer.from('{"action":'),
  });
  expect(junk.status()).toBe(400);
  expect((await junk.json()).error.code).toBe('invalid-json');

  const huge = await page.request.post(`/api/${PROJECT}/play`, { headers: origin, data: { action: { type: 'x'.repeat(50_000) } } });
  expect(huge.status()).toBe(413);

  const forgedScore = await page.request.post(`/api/${PROJECT}/play`, {
    headers: origin,
    data: { action: { type: 'complete', score: 6 } },
  });
  expect(forgedScore.status()).toBe(400);
});
