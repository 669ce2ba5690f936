import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_FONT_FAMILIES, PAGE_FONT_WEIGHTS } from '../../../src/styles/fonts/families.ts';
import { preloadedFonts } from '../../../src/styles/fonts/preload.ts';

const require = createRequire(import.meta.url);
const fontkit = require('@pdf-lib/fontkit') as typeof import('@pdf-lib/fontkit');
const FONTS_DIR = join(import.meta.dirname, '../../../src/styles/fonts');
const HINTING_TABLES = ['fpgm', 'prep', 'cvt ', 'hdmx'];

/** `name → unicode-range` of each @font-face in a stylesheet, by the file it points at. */
function faces(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, body] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const file = /url\(\.\/(?:files\/)?([\w-]+)\.woff2\)/.exec(body ?? '')?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body ?? '')?.[1];
    if (file && range) found.set(file, range.trim());
  }
  return found;
}

const ours = faces(readFileSync(join(FONTS_DIR, 'fonts.css'), 'utf8'));
const fontsource = new Map(
  PAGE_FONT_FAMILIES.flatMap((family) =>
    PAGE_FONT_WEIGHTS.flatMap((weight) => [...faces(readFileSync(require.resolve(`@fontsource/${family}/${weight}.css`), 'utf8'))]),
  ),
);

describe('page fonts', () => {
  it('declare every @fontsource face of the families and weights pages use, with the same unicode ranges', () => {
    expect(ours.size).toBe(16);
    expect(ours).toEqual(fontsource);
  });

  it.each([...fontsource.keys()])('%s has @fontsource’s every character and no hinting', (name) => {
    const original = fontkit.create(
      readFileSync(require.resolve(`@fontsource/${name.split('-').slice(0, 2).join('-')}/files/${name}.woff2`)),
    );
    const unhinted = fontkit.create(readFileSync(join(FONTS_DIR, `${name}.woff2`)));
    expect(unhinted.characterSet).toEqual(original.characterSet);
    // fontkit's typings leave out the table directory it parses.
    const tables = (unhinted as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
    for (const table of HINTING_TABLES) expect(tables).not.toHaveProperty(table);
  });

  it('preload the regular weight of the subsets a page’s language needs', () => {
    expect(preloadedFonts('pt-serif', 'ru').map((url) => url.split('/').at(-1))).toEqual([
      expect.stringMatching(/^pt-serif-cyrillic-400-normal\b.*\.woff2$/),
      expect.stringMatching(/^pt-serif-latin-400-normal\b.*\.woff2$/),
    ]);
    expect(preloadedFonts('pt-sans', 'en').map((url) => url.split('/').at(-1))).toEqual([
      expect.stringMatching(/^pt-sans-latin-400-normal\b.*\.woff2$/),
    ]);
  });
});
