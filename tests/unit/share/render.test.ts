import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFamily } from '../../../src/share/fonts.ts';
import { SHARE_FORMATS, type ShareFormat } from '../../../src/share/formats.ts';
import { gradientImage } from '../../../src/share/images.ts';
import { darken, resolveLayout, textBox, GEOMETRY } from '../../../src/share/layout.ts';
import { drawShareCard } from '../../../src/share/render.ts';
import { createFixture, differingPixels, pixels, type Fixture } from './fixtures.ts';

const MIXED_TITLE = 'Анна, 2020 — «ёлка»! 5/6 №1 ✨🎄';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await createFixture();
});
afterAll(() => fixture.cleanup());

/** The card's background alone, drawn the way the card embeds it. */
async function blankBackground(format: ShareFormat) {
  const { width, height } = SHARE_FORMATS[format];
  const image = await gradientImage('#e30613', darken('#e30613', 0.45), width, height);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${image.dataUri}" width="${width}" height="${height}" preserveAspectRatio="none"/></svg>`;
  return pixels(await sharp(Buffer.from(svg)).png().toBuffer());
}

function greenPixels(image: { data: Buffer }): number {
  let count = 0;
  for (let offset = 0; offset < image.data.length; offset += 3) {
    const [red, green] = [image.data[offset]!, image.data[offset + 1]!];
    if (green > red + 40) count += 1;
  }
  return count;
}

describe('drawShareCard', () => {
  it.each(['og', 'story'] as const)('draws a %s PNG of the format size', async (format) => {
    const png = await drawShareCard({
      project: fixture.project({}, 'assets/logo.png'),
      content: { title: 'Я угадала 5 из 6 традиций!', score: { value: 5, of: 6 } },
      format,
    });
    const metadata = await sharp(png).metadata();
    expect(metadata.format).toBe('png');
    expect({ width: metadata.width, height: metadata.height }).toEqual(SHARE_FORMATS[format]);
  });

  it('has a glyph for every Cyrillic letter, digit and punctuation mark of a mixed title', async () => {
    const family = await loadFamily('pt-sans');
    const missing = [...MIXED_TITLE.replace(/\p{Extended_Pictographic}|\s/gu, '')].filter(
      (char) => !family.advances[700].has(char.codePointAt(0)!),
    );
    expect(missing).toEqual([]);
  });

  it('draws Cyrillic, digits, punctuation and an emoji in the text area', async () => {
    const project = fixture.project({ showLogo: false });
    const png = await drawShareCard({ project, content: { title: MIXED_TITLE }, format: 'og' });
    const [card, blank] = await Promise.all([pixels(png), blankBackground('og')]);
    const box = textBox(resolveLayout(project), 'og');
    const area = { left: GEOMETRY.og.paddingX, top: GEOMETRY.og.paddingY, ...box };
    expect(differingPixels(card, blank, area)).toBeGreaterThan(5000);
    // The padding stays untouched, and the green of the twemoji fir tree is there.
    expect(differingPixels(card, blank, { left: 0, top: 0, width: 1200, height: GEOMETRY.og.paddingY - 4 })).toBe(0);
    expect(greenPixels(card)).toBeGreaterThan(200);
  });

  it.each(['og', 'story'] as const)('wraps a very long name and text inside the %s card', async (format) => {
    const project = fixture.project({ showLogo: false, textAlign: 'left' });
    const name = 'Александра-Виктория'.repeat(5) + ' Константинопольская-Преображенская'.repeat(2);
    const text = 'Пусть каждый день приносит радость, а увлечения — новые открытия! '.repeat(18);
    const png = await drawShareCard({ project, content: { title: name, text, score: { value: 6, of: 6 } }, format });
    const [card, blank] = await Promise.all([pixels(png), blankBackground(format)]);
    const { width, height } = SHARE_FORMATS[format];
    const { paddingX, paddingY } = GEOMETRY[format];
    const margin = 8;
    const strips = [
      { left: 0, top: 0, width: paddingX - margin, height },
      { left: width - paddingX + margin, top: 0, width: paddingX - margin, height },
      { left: 0, top: height - paddingY + margin, width, height: paddingY - margin },
    ];
    for (const strip of strips) expect(differingPixels(card, blank, strip)).toBe(0);
    expect(
      differingPixels(card, blank, { left: paddingX, top: paddingY, width: width - 2 * paddingX, height: height - 2 * paddingY }),
    ).toBeGreaterThan(20_000);
  });

  it('refuses a format other than og and story', async () => {
    const request = { project: fixture.project(), content: { title: 'Привет' }, format: 'square' as ShareFormat };
    await expect(drawShareCard(request)).rejects.toThrow(/format "square" is not supported: expected one of og, story/);
  });

  it('refuses content that is not plain bounded text', async () => {
    const request = { project: fixture.project(), content: { title: 'x'.repeat(201) }, format: 'og' as const };
    await expect(drawShareCard(request)).rejects.toThrow(/title: .*200/);
  });

  it('reads only images inside the project folder, whatever the config says', async () => {
    const outside = ['../secret.png', '/etc/passwd.png', 'https://example.com/a.png', 'assets/notes.txt', 'assets/missing.png'];
    for (const background of outside) {
      // Bypasses the config schema, which refuses most of these already, to test the guard itself.
      const project = fixture.project();
      project.config.share.image = { ...project.config.share.image, background };
      const request = { project, content: { title: 'Привет' }, format: 'og' as const };
      await expect(drawShareCard(request), background).rejects.toThrow(/share image asset/);
    }
  });

  it('draws a picture background under a darkening scrim', async () => {
    const project = fixture.project({ background: 'assets/photo.jpg', showLogo: false });
    const card = await pixels(await drawShareCard({ project, content: { title: 'Привет' }, format: 'og' }));
    // #336699 darkened by the default 0.45 scrim, sampled in a corner away from the text.
    const [red, green, blue] = card.data.subarray(0, 3);
    expect([red, green, blue].map((channel) => Math.round(channel! / 10))).toEqual([3, 6, 8]);
  });
});
