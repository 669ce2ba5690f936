import type { Locale } from '../../config/schemas/common.ts';
import type { FontFamily } from '../../share/fonts.ts';
import sansCyrillic from './pt-sans-cyrillic-400-normal.woff2?url';
import sansLatin from './pt-sans-latin-400-normal.woff2?url';
import serifCyrillic from './pt-serif-cyrillic-400-normal.woff2?url';
import serifLatin from './pt-serif-latin-400-normal.woff2?url';

const REGULAR: Record<FontFamily, { latin: string; cyrillic: string }> = {
  'pt-sans': { latin: sansLatin, cyrillic: sansCyrillic },
  'pt-serif': { latin: serifLatin, cyrillic: serifCyrillic },
};

/**
 * The font files worth fetching before the stylesheet asks for them: the regular weight of the
 * project's family, in the subsets its language's text needs (Russian text takes digits and
 * punctuation from the Latin file). Headings' bold follows on its own.
 */
export function preloadedFonts(family: FontFamily, locale: Locale): string[] {
  const files = REGULAR[family];
  return locale === 'ru' ? [files.cyrillic, files.latin] : [files.latin];
}
