/**
 * Which encoding a CRM export is in. Russian teams hand over files in four: UTF-8 with or
 * without a BOM («CSV UTF-8»), UTF-16 with a BOM (Excel's «Unicode text», tab-separated) and
 * Windows-1251 (Excel's plain «CSV», the ANSI code page of Russian Windows). The platform's
 * TextDecoder decodes all of them; this module only decides which one a file is in.
 *
 * Why not a statistical detector: chardet 2.2 and jschardet 4.0 were measured on short
 * Windows-1251 exports (`customer_id,name\n1,Ольга\n`, all-caps «ОЛЬГА», two-letter «Ян») and
 * named ISO-8859-1, ISO-8859-7 or KOI8-U for most of them, while a customer file is often a
 * few rows. The decision here is exact where it can be (a BOM, valid UTF-8, which random
 * legacy bytes practically never are) and, for the rest, a check that the bytes read as
 * Windows-1251 make Russian words: letters of one script per word, capitals at word starts.
 * KOI8-R (case inverted against Windows-1251), DOS 866 (letters on Windows-1251's symbols)
 * and Latin-1 (Cyrillic letters inside Latin words) fail it and are refused, not guessed.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export type DetectedEncoding =
  | { ok: true; encoding: TextEncodingName; bomBytes: number }
  | { ok: false; reason: 'legacy-not-cyrillic' | 'koi8-like' };

/** How the encoding is named to a person: as Excel's «Save as» dialog names the format. */
export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Excel «Unicode text»)',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1251': 'Windows-1251',
};

/** Decides the encoding from the first bytes of a file (a 64 kB peek is plenty). */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { ok: true, encoding: 'utf-8', bomBytes: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { ok: true, encoding: 'utf-16le', bomBytes: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { ok: true, encoding: 'utf-16be', bomBytes: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { ok: true, encoding: utf16, bomBytes: 0 };
  if (isUtf8(head)) return { ok: true, encoding: 'utf-8', bomBytes: 0 };
  return cyrillicPlausibility(new TextDecoder('windows-1251').decode(head));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** UTF-16 saved without a BOM: every other byte of ASCII text is zero. */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(head.length >> 1, 512);
  if (pairs < 2) return undefined;
  let zeroHigh = 0;
  let zeroLow = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (head[2 * pair] === 0) zeroLow++;
    if (head[2 * pair + 1] === 0) zeroHigh++;
  }
  if (zeroHigh > pairs * 0.6 && zeroLow === 0) return 'utf-16le';
  if (zeroLow > pairs * 0.6 && zeroHigh === 0) return 'utf-16be';
  return undefined;
}

/** Valid UTF-8, allowing a character cut at the end of the peek. */
function isUtf8(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const CYRILLIC = /[А-яЁё]/;
const CYRILLIC_UPPER = /[А-ЯЁ]/;
const LATIN = /[A-Za-z]/;
const LETTER_RUN = /[A-Za-zА-яЁё]+/g;
const RUSSIAN_VOWEL = /[аеёиоуыэюяАЕЁИОУЫЭЮЯ]/;

/**
 * Whether text decoded as Windows-1251 reads as Russian: most bytes above ASCII became Cyrillic
 * letters (DOS 866 turns into symbols such as «Ђ‚ѓ»), no word mixes Latin and Cyrillic letters
 * (Latin-1 «Müller» becomes «Mьller»), and capitals start words more often than they follow a
 * small letter (KOI8-R «Ольга» becomes «пМШЗБ»), and words have vowels (KOI8-R «ОЛЬГА» becomes
 * «плшзб»).
 */
function cyrillicPlausibility(text: string): DetectedEncoding {
  let high = 0;
  let cyrillic = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    high++;
    if (CYRILLIC.test(char) || char === '№' || char === '«' || char === '»' || char === '\u00a0' || char === '—' || char === '–')
      cyrillic++;
  }
  if (cyrillic < high * 0.9) return { ok: false, reason: 'legacy-not-cyrillic' };
  let mixedWords = 0;
  let capitalsAtStart = 0;
  let capitalsInside = 0;
  let longWords = 0;
  let wordsWithoutVowel = 0;
  for (const [word] of text.matchAll(LETTER_RUN)) {
    if (!CYRILLIC.test(word)) continue;
    if (LATIN.test(word)) mixedWords++;
    const [first = '', ...rest] = word;
    if (CYRILLIC_UPPER.test(first)) capitalsAtStart++;
    // An all-capitals word («ОЛЬГА») says nothing about case either way.
    if (word !== word.toUpperCase()) for (const char of rest) if (CYRILLIC_UPPER.test(char)) capitalsInside++;
    if (word.length >= 3) {
      longWords++;
      if (!RUSSIAN_VOWEL.test(word)) wordsWithoutVowel++;
    }
  }
  if (mixedWords > 0) return { ok: false, reason: 'legacy-not-cyrillic' };
  if (capitalsInside > capitalsAtStart || wordsWithoutVowel * 3 > longWords) return { ok: false, reason: 'koi8-like' };
  return { ok: true, encoding: 'windows-1251', bomBytes: 0 };
}
