import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { importCustomers, relative } from './support.ts';

const PROJECT = 'march-8-greetings';
let links: Map<string, string>;

test.beforeAll(() => {
  links = importCustomers(PROJECT, 'tests/e2e/fixtures/customers.csv');
});

function firstLink(): string {
  const [url] = [...links.values()];
  if (!url) throw new Error('the import produced no mailed links');
  return relative(url);
}

/** PNG width and height from the IHDR chunk: bytes 16–23 of every PNG file. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function answerChoice(page: Page, label: string) {
  await page.getByText(label, { exact: true }).click();
  await page.getByRole('button', { name: /Дальше|Создать открытку/ }).click();
}

test('a player makes a card at phone width, shares it, the share page carries a 1200×630 og:image, and a friend plays from it', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await page.goto(firstLink());
  await page.getByRole('button', { name: 'Приступить!' }).click();

  await page.getByLabel('Имя').fill('Хуйло');
  await page.getByRole('button', { name: 'Дальше' }).click();
  await expect(page.getByText(/без грубых слов/)).toBeVisible();

  await page.getByLabel('Имя').fill('Анна-Мария');
  await page.getByRole('button', { name: 'Дальше' }).click();
  await answerChoice(page, 'Нежная');
  await answerChoice(page, 'Добрый');
  await page.getByText('Путешествия', { exact: true }).click();
  await page.getByText('Рисование', { exact: true }).click();
  await page.getByRole('button', { name: 'Дальше' }).click();
  await page.locator('fieldset label').first().click();
  await page.getByRole('button', { name: 'Создать открытку' }).click();

  await expect(page.getByRole('heading', { name: 'Ваша открытка' })).toBeVisible();
  const card = page.locator('.card-generator');
  await expect(card).toContainText('Анна-Мария');
  const firstText = await card.innerText();
  await page.getByRole('button', { name: 'Другой вариант' }).click();
  await expect(card).not.toHaveText(firstText);
  await page.screenshot({ path: testInfo.outputPath('card.png'), fullPage: true, animations: 'disabled' });

  const created = page.waitForResponse((response) => response.url().endsWith(`/api/${PROJECT}/share`));
  await page.getByRole('button', { name: 'Поделиться результатом' }).click();
  const share = (await (await created).json()) as { id: string; url: string; imageUrl: string };
  expect(share.url).not.toContain(firstLink().split('c=')[1] ?? 'no-token');
  await expect(page.getByRole('link', { name: /ВКонтакте|VK/ })).toBeVisible();
  await expect(page.locator('img.share-preview')).toHaveJSProperty('complete', true);
  await expect(page.getByRole('link', { name: 'Скачать картинку' })).toHaveAttribute('href', share.imageUrl);
  expect(await page.locator('img.share-preview').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);
  await page.screenshot({ path: testInfo.outputPath('share-buttons.png'), fullPage: true, animations: 'disabled' });

  // A friend, in a browser of her own, opens the share.
  const friend = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const sharePage = await friend.newPage();
  await sharePage.goto(relative(share.url));
  await expect(sharePage.getByRole('link', { name: 'Создать своё поздравление' })).toBeVisible();
  const og = (property: string) => sharePage.locator(`meta[property="${property}"]`).getAttribute('content');
  const imageUrl = await og('og:image');
  expect(imageUrl).toMatch(new RegExp(`^${baseURL}/s/${share.id}/og\\.png$`));
  expect(await og('og:image:width')).toBe('1200');
  expect(await og('og:image:height')).toBe('630');
  expect(await og('og:title')).toContain('Анна-Мария');
  expect(await sharePage.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary_large_image');
  await sharePage.screenshot({ path: testInfo.outputPath('share-page.png'), fullPage: true, animations: 'disabled' });

  const image = await sharePage.request.get(imageUrl ?? '');
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect(pngSize(await image.body())).toEqual({ width: 1200, height: 630 });
  const etag = image.headers().etag ?? '';
  const again = await sharePage.request.get(imageUrl ?? '', { headers: { 'If-None-Match': etag } });
  expect(again.status()).toBe(304);

  // The page itself paints a WebP that fits its column; the PNG stays for link previews.
  const shown = sharePage.locator('img.share-image');
  await expect(shown).toHaveJSProperty('complete', true);
  expect(await shown.evaluate((image: HTMLImageElement) => image.currentSrc)).toMatch(/\/og-(480|800|1200)\.webp$/);
  const srcset = (await sharePage.locator('picture source[type="image/webp"]').getAttribute('srcset')) ?? '';
  const renditions = srcset.split(', ').map((candidate) => candidate.split(' ') as [string, string]);
  expect(renditions.map(([, width]) => width)).toEqual(['480w', '800w', '1200w']);
  for (const [url, width] of renditions) {
    const rendition = await sharePage.request.get(url);
    expect(rendition.headers()['content-type']).toBe('image/webp');
    expect(rendition.headers()['cache-control']).toContain('immutable');
    const { format, width: actualWidth, height } = await sharp(await rendition.body()).metadata();
    expect({ format, width: `${actualWidth}w`, height }).toEqual({
      format: 'webp',
      width,
      height: Math.round((Number.parseInt(width, 10) * 630) / 1200),
    });
  }
  expect((await sharePage.request.get(`${baseURL}/s/${share.id}/og-333.webp`)).status()).toBe(404);

  const story = await sharePage.request.get(`${baseURL}/s/${share.id}/story.png`);
  expect(pngSize(await story.body())).toEqual({ width: 1080, height: 1920 });
  const odd = await sharePage.request.get(`${baseURL}/s/${share.id}/huge.png`);
  expect(odd.status()).toBe(404);

  await sharePage.getByRole('link', { name: 'Создать своё поздравление' }).click();
  await sharePage.getByRole('button', { name: 'Приступить!' }).click();
  await expect(sharePage.getByLabel('Имя')).toBeVisible();
  await friend.close();

  const admin = await browser.newPage();
  await admin.goto(`/admin/${PROJECT}`);
  await admin.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await admin.getByRole('button', { name: /Войти|Sign in/ }).click();
  await expect(admin.getByTestId('viral-loop')).toContainText('Начали играть оттуда: 1');
});
