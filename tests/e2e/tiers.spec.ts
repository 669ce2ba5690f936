import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { importCustomerGroups, quizAnswers, readCsv, relative } from './support.ts';

/**
 * Dynamic gifts by spend tier, end to end in the English example: customers imported with their
 * total spend play from personal links and each gets a code from their own tier's pool.
 */
const PROJECT = 'home-habits-quiz';
const PROJECT_DIR = path.join('projects', PROJECT);
const CUSTOMERS_FILE = 'tests/e2e/fixtures/tier-customers.csv';
const answers = quizAnswers(PROJECT);
/** The example's code format, e.g. HH-VIP-7K2M9Q. */
const CODE = /^HH-[A-Z]{3}-[A-Z2-9]{6}$/;

interface Tier {
  name: string;
  minSpend?: number;
  maxSpend?: number;
}

interface ProjectGifts {
  tiers: Tier[];
  gift: { pool: string };
  giftRules: { when: { tier?: string }; gift: { pool: string } }[];
}

/** Read like an author would, so the test follows the project file rather than repeating it. */
const config = parseYaml(readFileSync(path.join(PROJECT_DIR, 'project.yaml'), 'utf8')) as ProjectGifts;

function poolCodes(pool: string): Set<string> {
  const lines = readFileSync(path.join(PROJECT_DIR, pool), 'utf8')
    .split('\n')
    .map((line) => line.trim());
  return new Set(lines.filter((line) => line !== '' && line !== 'code'));
}

function tierPool(tierName: string): Set<string> {
  const rule = config.giftRules.find(({ when }) => when.tier === tierName);
  if (!rule) throw new Error(`${PROJECT_DIR}/project.yaml has no giftRules entry for tier ${tierName}`);
  return poolCodes(rule.gift.pool);
}

function tierOfSpend(spend: number): string | undefined {
  return config.tiers.find(({ minSpend = 0, maxSpend }) => spend >= minSpend && (maxSpend === undefined || spend < maxSpend))?.name;
}

const customers = readCsv(CUSTOMERS_FILE) as { customer_id: string; name: string; total_spend: string }[];
let mailed: Map<string, string>;

test.beforeAll(() => {
  mailed = importCustomerGroups(PROJECT, CUSTOMERS_FILE).mailed;
});

/** The first customer of the file in `tierName` who was mailed (not held out as control). */
function mailedCustomerOf(tierName: string): { id: string; name: string; link: string } {
  const customer = customers.find((row) => tierOfSpend(Number(row.total_spend)) === tierName && mailed.has(row.customer_id));
  if (!customer) throw new Error(`${CUSTOMERS_FILE} has no mailed customer in tier ${tierName}; add more customers to it`);
  return { id: customer.customer_id, name: customer.name, link: relative(mailed.get(customer.customer_id) ?? '') };
}

async function openPhone(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  expect(page.viewportSize()?.width, 'a new context keeps the phone project’s 360 px viewport').toBe(360);
  return page;
}

function shot(page: Page, testInfo: TestInfo, name: string): Promise<Buffer> {
  return page.screenshot({ path: testInfo.outputPath(name), fullPage: true, animations: 'disabled' });
}

/**
 * Plays the quiz from the intro to the gift, answering right except for `wrongAnswers` questions
 * (the last ones), and checks the English strings on the way. Returns the code shown.
 */
async function playToGift(page: Page, options: { wrongAnswers: number; shotPrefix: string; testInfo: TestInfo }): Promise<string> {
  const { wrongAnswers, shotPrefix, testInfo } = options;
  await page.getByRole('button', { name: 'Let’s play' }).click();
  for (const [index, answer] of answers.entries()) {
    await expect(page.getByText(`Question ${index + 1} of ${answers.length}`)).toBeVisible();
    const isLast = index === answers.length - 1;
    const answersRight = index < answers.length - wrongAnswers;
    const choice = answersRight ? answer : !answer;
    await page.getByRole('button', { name: choice ? 'Fact' : 'Fiction', exact: true }).click();
    await expect(page.getByText(answersRight ? 'Right!' : 'Not quite')).toBeVisible();
    if (index === 0) await shot(page, testInfo, `${shotPrefix}-02-feedback.png`);
    await page.getByRole('button', { name: isLast ? 'See my result' : 'Next', exact: true }).click();
  }
  await expect(page.getByText(`${answers.length - wrongAnswers} of ${answers.length}`)).toBeVisible();
  const gift = page.getByTestId('gift');
  await expect(gift.getByText('Your promo code')).toBeVisible();
  await expect(gift.getByRole('button', { name: 'Copy' })).toBeVisible();
  await shot(page, testInfo, `${shotPrefix}-03-result-and-gift.png`);
  return shownCode(page);
}

async function shownCode(page: Page): Promise<string> {
  const code = page.getByTestId('gift').getByText(CODE);
  await expect(code).toBeVisible();
  return (await code.textContent())?.trim() ?? '';
}

test('a regular and a VIP customer each get one code from their own tier’s pool, kept on reload', async ({
  browser,
  baseURL,
}, testInfo) => {
  const regular = mailedCustomerOf('regular');
  const vip = mailedCustomerOf('vip');
  const regularPage = await openPhone(browser);
  const vipPage = await openPhone(browser);

  await regularPage.goto(regular.link);
  await expect(regularPage.getByRole('heading', { level: 1 })).toHaveText(
    `${regular.name}, home habits around the world: fact or fiction?`,
  );
  await shot(regularPage, testInfo, 'regular-01-intro.png');
  const regularCode = await playToGift(regularPage, { wrongAnswers: 0, shotPrefix: 'regular', testInfo });
  await expect(regularPage.getByTestId('gift').getByRole('heading', { name: 'Your gift: 15% off your next order' })).toBeVisible();

  await vipPage.goto(vip.link);
  await expect(vipPage.getByRole('heading', { level: 1 })).toHaveText(`${vip.name}, home habits around the world: fact or fiction?`);
  const vipCode = await playToGift(vipPage, { wrongAnswers: 1, shotPrefix: 'vip', testInfo });
  await expect(vipPage.getByTestId('gift').getByRole('heading', { name: 'Your VIP gift: 25% off and free delivery' })).toBeVisible();

  expect(tierPool('regular').has(regularCode), `${regularCode} is from the regular pool`).toBe(true);
  expect(tierPool('vip').has(vipCode), `${vipCode} is from the VIP pool`).toBe(true);
  expect(regularCode).not.toBe(vipCode);

  for (const [page, code] of [
    [regularPage, regularCode],
    [vipPage, vipCode],
  ] as const) {
    await page.reload();
    expect(await shownCode(page)).toBe(code);
    // Asking the API again, as a double tap or a second tab would, must not take a second code.
    const again = await page.request.post(`/api/${PROJECT}/gift`, { headers: { Origin: baseURL ?? '' } });
    expect(again.status()).toBe(200);
    expect((await again.json()).code).toBe(code);
  }
  await shot(vipPage, testInfo, 'vip-04-after-reload.png');
});

test('an anonymous player from a forwarded link gets a code from the default pool', async ({ page }, testInfo) => {
  await page.goto(`/${PROJECT}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Home habits around the world: fact or fiction?');
  const code = await playToGift(page, { wrongAnswers: 3, shotPrefix: 'anonymous', testInfo });
  await expect(page.getByTestId('gift').getByRole('heading', { name: 'Your gift: 10% off at Hearth & Home' })).toBeVisible();
  expect(poolCodes(config.gift.pool).has(code), `${code} is from the default pool`).toBe(true);
  for (const tier of config.tiers) expect(tierPool(tier.name).has(code), `${code} is not from the ${tier.name} pool`).toBe(false);
});
