import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { ShareAssetError } from '../../../src/share/assets.ts';
import { ShareImageRenderer } from '../../../src/share/cache.ts';
import { parseShareContent, ShareContentError } from '../../../src/share/content.ts';
import { SHARE_FORMATS } from '../../../src/share/formats.ts';
import { cardFrame, GEOMETRY, resolveLayout, textBox } from '../../../src/share/layout.ts';
import { shareTexts } from '../../../src/share/page.ts';
import { drawShareCard } from '../../../src/share/render.ts';
import { createFixture, differingPixels, pixels, type Fixture } from './fixtures.ts';

const GREETING = {
  title: 'Поздравление с 8 Марта: Анна',
  text: 'Анна, с 8 Марта! Ты такая нежная, что рядом с тобой расцветает весна. Счастья, любви и весны в душе! 🌷',
};
/** A flat green, far from the red brand gradient and the blue photo of the fixture. */
const TULIPS_RGB = [46, 160, 67];

let fixture: Fixture;
beforeAll(async () => {
  fixture = await createFixture();
  await sharp({ create: { width: 600, height: 360, channels: 3, background: { r: 46, g: 160, b: 67 } } })
    .png()
    .toFile(join(fixture.projectDir, 'assets', 'tulips.png'));
  await symlink(join(fixture.root, 'secret.png'), join(fixture.projectDir, 'assets', 'escape.png'));
});
afterAll(() => fixture.cleanup());

describe('share content with a picture', () => {
  it('keeps a project asset path', () => {
    expect(parseShareContent({ ...GREETING, image: 'assets/tulips.svg' }).image).toBe('assets/tulips.svg');
  });

  it.each([
    ['../secret.png', /image: expected a path inside the project folder/],
    ['/etc/passwd.png', /image: expected a path inside the project folder/],
    ['https://example.com/tulips.png', /image: expected a path inside the project folder/],
    ['assets/notes.txt', /image: expected a PNG, JPEG, WebP or SVG file/],
    ['', /image: .*>=1/],
  ])('refuses %j before any file is read', (image, message) => {
    expect(() => parseShareContent({ ...GREETING, image })).toThrow(ShareContentError);
    expect(() => parseShareContent({ ...GREETING, image })).toThrow(message);
  });

  it('still gives the share page its texts', () => {
    const config = { locale: 'ru' as const, share: { title: '{title}', description: 'Создайте своё' } };
    expect(shareTexts(config, { ...GREETING, image: 'assets/tulips.svg' })?.body).toBe(GREETING.text);
  });
});

describe('a card with its own picture', () => {
  it.each(['og', 'story'] as const)('draws a %s PNG of the format size', async (format) => {
    const project = fixture.project({}, 'assets/logo.png');
    const png = await drawShareCard({ project, content: { ...GREETING, image: 'assets/tulips.png' }, format });
    const metadata = await sharp(png).metadata();
    expect(metadata.format).toBe('png');
    expect({ width: metadata.width, height: metadata.height }).toEqual(SHARE_FORMATS[format]);
  });

  it.each(['og', 'story'] as const)('shows the picture, undarkened, where the %s card without one has its gradient', async (format) => {
    // A photo background gets a scrim; the card's own picture must stay as bright as in the player.
    const project = fixture.project({ background: 'assets/photo.jpg', showLogo: false });
    const [pictured, plain] = await Promise.all([
      drawShareCard({ project, content: { ...GREETING, image: 'assets/tulips.png' }, format }).then(pixels),
      drawShareCard({ project, content: GREETING, format }).then(pixels),
    ]);
    const area = cardFrame(format, { image: 'assets/tulips.png' }).picture!;
    const region = { left: area.x, top: area.y, width: area.width, height: area.height };
    expect(differingPixels(pictured, plain, region)).toBe(area.width * area.height);
    const middle = ((area.y + Math.floor(area.height / 2)) * pictured.width + area.x + Math.floor(area.width / 2)) * 3;
    const sample = [...pictured.data.subarray(middle, middle + 3)];
    sample.forEach((channel, index) => expect(Math.abs(channel - TULIPS_RGB[index]!)).toBeLessThanOrEqual(4));
  });

  it('keeps the text beside the picture on og and below it on a story', () => {
    const layout = resolveLayout(fixture.project());
    const og = cardFrame('og', { image: 'assets/tulips.png' });
    const story = cardFrame('story', { image: 'assets/tulips.png' });
    expect(og.padding.left).toBeGreaterThan(og.picture!.x + og.picture!.width);
    expect(story.padding.top).toBeGreaterThan(story.picture!.y + story.picture!.height);
    expect(story.padding.bottom).toBe(GEOMETRY.story.paddingY);
    expect(textBox(layout, 'og', og).width).toBeLessThan(textBox(layout, 'og').width);
  });

  it('lays out a card without a picture as before: symmetric padding, no picture area', () => {
    const { paddingX, paddingY } = GEOMETRY.og;
    expect(cardFrame('og', {})).toEqual({
      picture: undefined,
      padding: { top: paddingY, right: paddingX, bottom: paddingY, left: paddingX },
    });
  });

  it.each([
    ['a link that leads out of the project', 'assets/escape.png', /lies outside the project folder/],
    ['a missing file', 'assets/missing.png', /does not exist/],
  ])('refuses %s', async (_, image, message) => {
    const request = { project: fixture.project(), content: { ...GREETING, image }, format: 'og' as const };
    const drawing = drawShareCard(request);
    await expect(drawing).rejects.toThrow(ShareAssetError);
    await expect(drawing).rejects.toThrow(message);
  });
});

describe('the cache key of a card with a picture', () => {
  it('changes with the picture and with its bytes (a second after the edit at most), not with a copy of the same bytes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const renderer = new ShareImageRenderer({ cacheDir: join(fixture.root, 'cache-picture') });
    const file = join(fixture.projectDir, 'assets', 'changing.png');
    const request = { project: fixture.project(), content: { ...GREETING, image: 'assets/changing.png' }, format: 'og' as const };
    const red = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const yellow = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#ffff00' } })
      .png()
      .toBuffer();

    await writeFile(file, red);
    const first = await renderer.render(request);
    const plain = await renderer.render({ ...request, content: GREETING });
    const other = await renderer.render({ ...request, content: { ...GREETING, image: 'assets/tulips.png' } });
    expect(new Set([first.etag, plain.etag, other.etag]).size).toBe(3);

    await writeFile(file, yellow);
    expect(await renderer.isCached(request)).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(await renderer.isCached(request)).toBe(false);
    const repainted = await renderer.render(request);
    expect(repainted.etag).not.toBe(first.etag);

    await writeFile(file, red);
    vi.advanceTimersByTime(1000);
    expect(await renderer.isCached(request)).toBe(true);
    expect((await renderer.render(request)).png.equals(first.png)).toBe(true);
  });
});
