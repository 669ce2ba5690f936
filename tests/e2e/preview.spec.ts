import { expect, test, type Page } from '@playwright/test';

/** An author previews a project from the dashboard: uncounted, any step and result, every share image. */

const PROJECT = 'home-habits-quiz';

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByLabel(/Пароль|Password/).fill(process.env.REKINDLE_ADMIN_PASSWORD ?? '');
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
}

/** What the report says: funnel, daily summary, promo codes left, sharing. */
async function reportText(page: Page): Promise<string> {
  await page.goto(`/admin/${PROJECT}?lang=en`);
  const parts = await Promise.all(
    ['#funnel', '#daily', '#promo', '#shares', '#control'].map((id) => page.locator(`section:has(${id})`).first().innerText()),
  );
  return parts.join('\n');
}

test('a preview play from the dashboard jumps to a result, gets a preview code and leaves the report unchanged', async ({
  page,
  browser,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, `/admin/${PROJECT}?lang=en`);
  const before = await reportText(page);

  await page.getByRole('link', { name: 'Preview and images' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Preview and gallery' })).toBeVisible();
  const images = page.locator('.gallery img');
  await expect(images).toHaveCount(6);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), { timeout: 30_000 })
      .toBe(true);
  }
  await page.screenshot({ path: testInfo.outputPath('gallery-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: testInfo.outputPath('gallery-phone.png'), fullPage: true });

  const ownLink = await page.getByRole('link', { name: 'Play uncounted' }).getAttribute('href');
  const colleagueLink = await page.getByLabel(/A link for a colleague/).inputValue();
  expect(colleagueLink).toMatch(new RegExp(`/${PROJECT}\\?preview=\\d+\\.[\\w-]+$`));

  // A colleague without a dashboard login: a fresh browser with only the link.
  const colleague = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const player = await colleague.newPage();
  const beacons: string[] = [];
  player.on('request', (request) => {
    if (/\/api\/[^/]+\/(visit|share-click)/.test(request.url())) beacons.push(request.url());
  });
  await player.goto(new URL(colleagueLink).pathname + new URL(colleagueLink).search);
  await expect(player.getByText(/this play is not counted/)).toBeVisible();
  await player.getByRole('button', { name: 'Let’s play' }).click();
  await player.getByRole('button', { name: 'Fact', exact: true }).click();
  await player.screenshot({ path: testInfo.outputPath('preview-phone.png'), fullPage: true });
  // The jumps: five questions, then the three results; the seventh is «Seasoned Traveller (3 of 5)».
  await player.getByLabel('Jump to').selectOption({ index: 6 });
  await player.getByRole('button', { name: 'Go' }).click();
  await expect(player.getByRole('heading', { name: /Seasoned\sTraveller/ })).toBeVisible();
  await expect(player.getByTestId('gift')).toContainText(/PREVIEW-[A-Z0-9]{6}/);
  await player.screenshot({ path: testInfo.outputPath('preview-result-phone.png'), fullPage: true });
  expect(beacons).toEqual([]);
  await colleague.close();

  expect(ownLink).toMatch(new RegExp(`/${PROJECT}\\?preview=`));
  // The same width as before: the chart's axis labels depend on it.
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await reportText(page)).toBe(before);
});

test('an expired or forged preview link plays for real and says so', async ({ page }) => {
  await page.goto(`/${PROJECT}?preview=1000.forgedsignature0000`);
  await expect(page.getByText(/invalid or has expired/)).toBeVisible();
  await expect(page.getByText(/this play is not counted/)).toHaveCount(0);
});
