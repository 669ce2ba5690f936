import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { quizAnswers } from './support.ts';

/**
 * axe (WCAG 2.1 A and AA) on every page type at 360 px: intro, mid-game, the result with each gift
 * kind (booklet, promo code, link), the card, the share page, the admin login, the dashboard,
 * the preview gallery and a preview play.
 */

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe reads the whole page several times over: a minute is tight on a machine shared with a build.
test.describe.configure({ timeout: 120_000 });

async function expectNoViolations(page: Page, testInfo: TestInfo, name: string) {
  // Contrast read mid-animation (a card fading in) is the blend of two frames, not what people read.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true, animations: 'disabled' });
  expect(summary, `axe on ${name}`).toEqual([]);
}

async function playQuiz(
  page: Page,
  project: string,
  buttons: { start: RegExp; yes: string; no: string; next: RegExp; result: RegExp },
  testInfo: TestInfo,
) {
  const answers = quizAnswers(project);
  await page.goto(`/${project}`);
  await expectNoViolations(page, testInfo, `${project}-intro`);
  await page.getByRole('button', { name: buttons.start }).click();
  for (const [index, answer] of answers.entries()) {
    await page.getByRole('button', { name: answer ? buttons.yes : buttons.no, exact: true }).click();
    if (index === 0) await expectNoViolations(page, testInfo, `${project}-mid-game`);
    const last = index === answers.length - 1;
    if (last) await expect(page.getByTestId('gift'), 'the gift waits for the result').toHaveCount(0);
    await page.getByRole('button', { name: last ? buttons.result : buttons.next }).click();
  }
  await expect(page.getByTestId('gift')).toBeVisible();
}

test('the quiz with a booklet: intro, mid-game and result, the booklet pages whole', async ({ page }, testInfo) => {
  await playQuiz(
    page,
    'new-year-traditions',
    { start: /Играю/, yes: 'Верю', no: 'Не верю', next: /Дальше/, result: /Узнать результат/ },
    testInfo,
  );
  const booklet = page.getByRole('region', { name: 'Мини-книга', exact: true });
  await expect(booklet).toBeVisible();
  // Each page shows whole: no page scrolls inside the booklet.
  const cut = await booklet
    .locator('article')
    .evaluateAll((pages) => pages.filter((page) => page.scrollHeight > page.clientHeight + 1).length);
  expect(cut).toBe(0);
  const [sheet, firstPage] = await booklet.evaluate((element) => [
    element.clientHeight,
    element.querySelector('article')?.offsetHeight ?? 0,
  ]);
  expect(sheet, 'the sheet shows the whole first page').toBeGreaterThanOrEqual(firstPage ?? 0);
  await expectNoViolations(page, testInfo, 'booklet-result');
});

test('the English quiz with a promo code', async ({ page }, testInfo) => {
  await playQuiz(
    page,
    'home-habits-quiz',
    { start: /Let’s play/, yes: 'Fact', no: 'Fiction', next: /Next/, result: /See my result/ },
    testInfo,
  );
  await expect(page.getByTestId('gift')).toContainText(/code/i);
  await expectNoViolations(page, testInfo, 'promo-result');
});

test('the card with a link gift, and its share page', async ({ page }, testInfo) => {
  await page.goto('/march-8-greetings');
  await page.getByRole('button', { name: 'Приступить!' }).click();
  await page.getByLabel('Имя').fill('Анна');
  await page.getByRole('button', { name: 'Дальше' }).click();
  await expectNoViolations(page, testInfo, 'card-mid-game');
  await page.getByText('Нежная', { exact: true }).click();
  await page.getByRole('button', { name: 'Дальше' }).click();
  await page.getByText('Добрый', { exact: true }).click();
  await page.getByRole('button', { name: 'Дальше' }).click();
  await page.getByText('Путешествия', { exact: true }).click();
  await page.getByRole('button', { name: 'Дальше' }).click();
  await page.locator('fieldset label').first().click();
  await page.getByRole('button', { name: 'Создать открытку' }).click();
  await expect(page.getByRole('heading', { name: 'Ваша открытка' })).toBeVisible();
  await expectNoViolations(page, testInfo, 'card-result');

  const created = page.waitForResponse((response) => response.url().endsWith('/api/march-8-greetings/share'));
  await page.getByRole('button', { name: 'Поделиться результатом' }).click();
  const share = (await (await created).json()) as { url: string };
  await page.goto(new URL(share.url).pathname);
  await expectNoViolations(page, testInfo, 'share-page');
});

test('the admin login and the dashboard', async ({ page }, testInfo) => {
  await page.goto('/admin/new-year-traditions');
  await expectNoViolations(page, testInfo, 'admin-login');
  await page.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Воронка' })).toBeVisible();
  await expectNoViolations(page, testInfo, 'dashboard');
  await page.goto('/admin');
  await expectNoViolations(page, testInfo, 'dashboard-list');
});

test('the preview gallery and a preview play', async ({ page }, testInfo) => {
  // The gallery draws every result's two share images on first view: slow on a busy machine.
  test.setTimeout(180_000);
  await page.goto('/admin/new-year-traditions/gallery');
  await page.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, testInfo, 'gallery');
  const previewUrl = await page.getByRole('link', { name: 'Сыграть без учёта' }).getAttribute('href');
  await page.goto(new URL(previewUrl ?? '').pathname + new URL(previewUrl ?? '').search);
  await expectNoViolations(page, testInfo, 'preview-intro');
});
