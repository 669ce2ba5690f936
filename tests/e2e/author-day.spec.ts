import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { encodeSingleByte } from '../unit/lib/legacy-encode.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { readCsv, relative } from './support.ts';

/**
 * The author's day of issue 12, end to end on the built server with data and projects folders of
 * its own: `new` → validate → an uncounted preview from the dashboard → a customer file saved by
 * Russian Excel (Windows-1251) → a customer plays a personal link at 360 px to the end.
 */

const SLUG = 'valentine-quiz';
const projectsDir = mkdtempSync(path.join(tmpdir(), 'rekindle-author-projects-'));
const work = mkdtempSync(path.join(tmpdir(), 'rekindle-author-work-'));
let server: ServerProcess;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startServerProcess({ REKINDLE_PROJECTS_DIR: projectsDir });
});

test.afterAll(async () => {
  await server?.stop();
});

/** The CLI as an author runs it, against this test's projects and data folders. */
function cli(args: string[]): string {
  return execFileSync(process.execPath, ['src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      LANG: 'ru_RU.UTF-8',
      REKINDLE_PROJECTS_DIR: projectsDir,
      REKINDLE_DATA_DIR: server.dataDir,
      REKINDLE_PUBLIC_URL: origin(),
    },
    stdio: 'pipe',
  }).toString();
}

function origin(): string {
  return `http://127.0.0.1:${server.port}`;
}

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(origin() + path);
  await page.getByLabel('Пароль').fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** What the dashboard counts: the funnel, the daily summary, sharing, the control group and the customer export. */
async function counted(page: Page): Promise<string> {
  await page.goto(`${origin()}/admin/${SLUG}`);
  const sections = await Promise.all(
    ['#funnel', '#daily', '#shares', '#control'].map(async (id) => {
      const section = page.locator(`section:has(${id})`).first();
      return (await section.count()) > 0 ? ((await section.textContent()) ?? '') : '';
    }),
  );
  const customers = await page.request.get(`${origin()}/admin/${SLUG}/customers.csv`);
  return [...sections, await customers.text()].join('\n');
}

/** Plays the quiz on screen from its intro, every answer right, to the result. */
async function playQuiz(page: Page, answers: boolean[]): Promise<void> {
  for (const [index, answer] of answers.entries()) {
    await expect(page.getByText(`Вопрос ${index + 1} из ${answers.length}`)).toBeVisible();
    await page.getByRole('button', { name: answer ? 'Верю' : 'Не верю', exact: true }).click();
    await page.getByRole('button', { name: index === answers.length - 1 ? 'Узнать результат' : 'Дальше' }).click();
  }
  await expect(page.getByText(`${answers.length} из ${answers.length}`)).toBeVisible();
}

test('an author makes a quiz, previews it uncounted, imports a Windows-1251 file, and a customer plays it at 360 px', async ({
  browser,
  page,
}, testInfo) => {
  expect(cli(['new', SLUG, '--kind', 'true-false-quiz', '--locale', 'ru'])).toContain(SLUG);
  expect(cli(['validate', SLUG])).toContain('проблем нет');
  const config = parseYaml(readFileSync(path.join(projectsDir, SLUG, 'project.yaml'), 'utf8')) as { questions: { answer: boolean }[] };
  const answers = config.questions.map((question) => question.answer);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, `/admin/${SLUG}`);
  const before = await counted(page);
  await page.getByRole('link', { name: 'Предпросмотр и картинки' }).click();
  const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Сыграть без учёта' }).click()]);
  await preview.setViewportSize({ width: 360, height: 780 });
  await expect(preview.getByText(/игра не учитывается/)).toBeVisible();
  await preview.getByRole('button', { name: 'Начать' }).click();
  await playQuiz(preview, answers);
  await preview.goto(preview.url());
  await expect(preview.getByLabel('Перейти к')).toHaveValue(String(answers.length + 1));
  await preview.close();
  expect(await counted(page)).toBe(before);

  const customers = 'customer_id;name;segment\r\nday-1;Анна;спящие\r\nday-2;Олег;спящие\r\nday-3;Мария;ушедшие\r\nday-4;Пётр;ушедшие\r\n';
  const file = path.join(work, 'customers-1251.csv');
  writeFileSync(file, encodeSingleByte(customers, 'windows-1251'));
  const mailing = path.join(work, 'mailing.csv');
  expect(cli(['links', 'import', SLUG, file, '--out', mailing])).toContain('Файл прочитан в кодировке Windows-1251');
  const mailed = readCsv(mailing);
  const names = new Map([
    ['day-1', 'Анна'],
    ['day-2', 'Олег'],
    ['day-3', 'Мария'],
    ['day-4', 'Пётр'],
  ]);
  expect(mailed.length).toBeGreaterThan(0);
  for (const row of mailed) expect(row.name).toBe(names.get(row.customer_id ?? ''));
  const [customer] = mailed;

  const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const player = await phone.newPage();
  await player.goto(origin() + relative(customer?.url ?? ''));
  await expect(player.getByRole('heading', { level: 1 })).toHaveText(`${names.get(customer?.customer_id ?? '')}, сыграем?`);
  await player.getByRole('button', { name: 'Начать' }).click();
  await playQuiz(player, answers);
  await expect(player.getByTestId('gift')).toContainText('Ваш подарок');
  expect(await player.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await player.screenshot({ path: testInfo.outputPath('customer-result-360.png'), fullPage: true, animations: 'disabled' });
  await phone.close();

  await expect.poll(() => counted(page)).not.toBe(before);
});

/** Fails when a page is wider than the phone: something would need a sideways scroll. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

async function expectImagesLoaded(page: Page): Promise<void> {
  for (const image of await page.locator('.gallery img').all()) {
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), { timeout: 30_000 })
      .toBe(true);
  }
}

for (const kind of ['true-false-quiz', 'card-generator', 'survey', 'wheel']) {
  test(`a new ${kind}: preview, jump to its last result, gallery and dashboard at 360 and 1280 px`, async ({ page }, testInfo) => {
    const slug = `day-${kind}`;
    cli(['new', slug, '--kind', kind, '--locale', 'ru']);
    await signIn(page, `/admin/${slug}/gallery`);
    const shoot = async (target: Page, name: string) => {
      for (const width of [360, 1280]) {
        await target.setViewportSize({ width, height: width === 360 ? 780 : 900 });
        if (width === 360) await expectNoSidewaysScroll(target);
        await target.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true, animations: 'disabled' });
      }
    };

    await expect(page.locator('.gallery img').first()).toBeVisible();
    await expectImagesLoaded(page);
    await shoot(page, 'gallery');
    const ownLink = (await page.getByRole('link', { name: 'Сыграть без учёта' }).getAttribute('href')) ?? '';

    const jumps = page.context();
    const preview = await jumps.newPage();
    await preview.goto(ownLink);
    await expect(preview.getByText(/игра не учитывается/)).toBeVisible();
    await shoot(preview, 'preview-intro');
    const jump = preview.getByLabel('Перейти к');
    const options = await jump.locator('option').count();
    await jump.selectOption({ index: options - 1 });
    await Promise.all([preview.waitForEvent('load'), preview.getByRole('button', { name: 'Перейти', exact: true }).click()]);
    await expect(preview.getByTestId('gift')).toBeVisible();
    // A fresh visit, not the reload: a reload keeps the option the author picked whatever the page says.
    await preview.goto(ownLink);
    await expect(preview.getByLabel('Перейти к')).toHaveValue(String(options - 1));
    await expect(preview.getByTestId('gift')).toBeVisible();
    await shoot(preview, 'preview-result');
    await preview.close();

    await page.goto(`${origin()}/admin/${slug}`);
    await shoot(page, 'dashboard');
  });
}
