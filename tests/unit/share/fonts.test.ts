import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadFamily } from '../../../src/share/fonts.ts';

const require = createRequire(import.meta.url);
const fontkit = require('@pdf-lib/fontkit') as typeof import('@pdf-lib/fontkit');

describe('the advances share cards fit text with', () => {
  it('are each glyph’s own advance width, for every character of every subset and weight', async () => {
    for (const family of ['pt-sans', 'pt-serif'] as const) {
      const { advances } = await loadFamily(family);
      for (const weight of [400, 700] as const) {
        const expected = new Map<number, number>();
        for (const subset of ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext']) {
          const font = fontkit.create(
            await readFile(require.resolve(`@fontsource/${family}/files/${family}-${subset}-${weight}-normal.woff`)),
          );
          for (const codePoint of font.characterSet) {
            if (!expected.has(codePoint)) expected.set(codePoint, font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm);
          }
        }
        expect(advances[weight]).toEqual(expected);
      }
    }
  });
});
