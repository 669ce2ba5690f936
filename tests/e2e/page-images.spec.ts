import { expect, test } from '@playwright/test';

/** The logo and hero of a play page: boxes reserved before they load, and cached for good under a hashed URL. */

const PROJECT = 'new-year-traditions';

test('the logo and hero carry their intrinsic size and are served immutable under a content-hashed URL', async ({ page, request }) => {
  await page.goto(`/${PROJECT}`);
  const logo = page.locator('header img.logo');
  const hero = page.locator('img.hero');
  await expect(hero).toHaveJSProperty('complete', true);
  for (const image of [logo, hero]) {
    const { width, height, naturalWidth, naturalHeight, src } = await image.evaluate((element: HTMLImageElement) => ({
      width: Number(element.getAttribute('width')),
      height: Number(element.getAttribute('height')),
      naturalWidth: element.naturalWidth,
      naturalHeight: element.naturalHeight,
      src: element.getAttribute('src') ?? '',
    }));
    expect(width / height).toBeCloseTo(naturalWidth / naturalHeight, 1);
    expect(src).toMatch(new RegExp(`^/assets/${PROJECT}/assets/\\w+\\.svg\\?v=[\\w-]{12}$`));
    const pinned = await request.get(src);
    expect(pinned.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    // Without its version (or with a stale one) the file may still change, so it is revalidated.
    const plain = await request.get(src.replace(/\?v=.*$/, ''));
    expect(plain.headers()['cache-control']).toBe('public, max-age=3600');
    const stale = await request.get(src.replace(/\?v=.*$/, '?v=000000000000'));
    expect(stale.headers()['cache-control']).toBe('public, max-age=3600');
  }
});
