import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TWEMOJI_DIR = dirname(createRequire(import.meta.url).resolve('@twemoji/svg/package.json'));
const ZERO_WIDTH_JOINER = '\u200d';
const VARIATION_SELECTOR_16 = /\ufe0f/g;

/** Emoji already read, as data URIs; `null` marks an emoji twemoji does not draw. */
const emojiCache = new Map<string, string | null>();
const EMOJI_CACHE_LIMIT = 2000;

/**
 * Twemoji's file name for an emoji: its code points in hex joined by dashes. The presentation
 * selector U+FE0F is dropped unless the emoji is a ZWJ sequence (twemoji's own naming rule).
 */
export function twemojiFileName(emoji: string): string {
  const normalised = emoji.includes(ZERO_WIDTH_JOINER) ? emoji : emoji.replace(VARIATION_SELECTOR_16, '');
  const codes = Array.from(normalised, (char) => char.codePointAt(0)!.toString(16));
  return `${codes.join('-')}.svg`;
}

/**
 * The emoji as an SVG data URI from the bundled @twemoji/svg, read from disk once; never fetched
 * from the network. Undefined when twemoji has no picture for it.
 */
export async function emojiDataUri(emoji: string): Promise<string | undefined> {
  const cached = emojiCache.get(emoji);
  if (cached !== undefined) return cached ?? undefined;
  const fileName = twemojiFileName(emoji);
  let dataUri: string | null = null;
  if (/^[0-9a-f-]+\.svg$/.test(fileName)) {
    try {
      const svg = await readFile(join(TWEMOJI_DIR, fileName));
      dataUri = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    } catch {
      dataUri = null;
    }
  }
  if (emojiCache.size >= EMOJI_CACHE_LIMIT) emojiCache.clear();
  emojiCache.set(emoji, dataUri);
  return dataUri ?? undefined;
}
