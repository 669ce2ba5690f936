/**
 * Normalisation of player-typed text before it is checked and printed on a card. Everything that
 * is invisible or reorders text (bidi overrides, zero-width characters, fillers) is removed, so what
 * the moderation checks is exactly what other people will see.
 */

/**
 * Spaces of every kind, tabs and line breaks: a card field is one line. Spelled out rather than
 * `\s`, which also matches the invisible BOM (U+FEFF) and would turn it into a space.
 */
const WHITESPACE = /[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]+/gu;

/**
 * Hangul fillers look like letters to Unicode but render as nothing; they are the usual way to
 * post a «blank» name.
 */
const INVISIBLE_LETTERS = /[\u115F\u1160\u3164\uFFA0]/gu;

/**
 * Control and format characters: bidi overrides and isolates (U+202A–202E, U+2066–2069, U+200E/F),
 * zero-width space and joiners, soft hyphen, BOM. Two format characters are kept because emoji need
 * them: the zero-width joiner inside emoji sequences (👩‍🌾) and tag characters of subdivision flags,
 * both removed below when they stand anywhere else.
 */
const CONTROL_AND_FORMAT = /[\p{Cc}\p{Cf}]/gu;
const KEPT_FORMAT = /^[\u200D\u{E0020}-\u{E007F}]$/u;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class matches the selector U+FE0F alone, on purpose
const STRAY_JOINER = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const STRAY_TAG = /(?<![\u{1F3F4}\u{E0020}-\u{E007F}])[\u{E0020}-\u{E007F}]/gu;

export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(WHITESPACE, ' ')
    .replace(CONTROL_AND_FORMAT, (character) => (KEPT_FORMAT.test(character) ? character : ''))
    .replace(STRAY_JOINER, '')
    .replace(STRAY_TAG, '')
    .replace(INVISIBLE_LETTERS, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Letters of any script with their combining marks, digits, spaces, basic punctuation and emoji
 * (pictographs, skin tones, flags, keycaps and the joiners/selectors that build them).
 */
const ALLOWED =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: joiners and selectors are allowed one code point at a time, on purpose
  /[\p{L}\p{M}\p{Nd} .,!?;:'’‘"«»„“”()\-‐–—…\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\u20E3\uFE0E\uFE0F\u{E0020}-\u{E007F}]/u;

/** More than two combining marks on one letter is «Zalgo» text that spills over neighbouring lines. */
const STACKED_MARKS = /\p{M}{3,}/u;

/** The first character a card cannot show, or undefined when every character is allowed. */
export function firstDisallowedCharacter(text: string): string | undefined {
  const stacked = STACKED_MARKS.exec(text);
  if (stacked) return stacked[0];
  for (const character of text) {
    if (!ALLOWED.test(character)) return character;
  }
  return undefined;
}

const HAS_CONTENT = /[\p{L}\p{Nd}\p{Extended_Pictographic}]/u;

/** Whether there is something besides punctuation: a letter, a digit or an emoji. */
export function hasContent(text: string): boolean {
  return HAS_CONTENT.test(text);
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Length as a person counts it: an emoji or a letter with its accent is one character. */
export function visibleLength(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}
