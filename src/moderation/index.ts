import type { Locale } from '../config/schemas/common.ts';
import { builtInBlockList, compileBlockList, containsBlockedWord, type CompiledBlockList } from './block-list.ts';
import { cleanText, firstDisallowedCharacter, hasContent, visibleLength } from './clean.ts';
import { moderationStrings } from './strings.ts';

export { BLOCK_PATTERN } from './block-list.ts';

/**
 * Moderation of text a player types and other people will see (a name on a shared card). The
 * server runs it on every answer; the browser never decides what is acceptable.
 */

export interface FreeTextOptions {
  /** Longest accepted text, counted in visible characters (an emoji is one). */
  maxLength: number;
  /** Shortest accepted text after cleaning; 1 unless set. */
  minLength?: number;
  /** The project's extra patterns, added to the built-in list (syntax in ./words.ts). */
  blockList?: readonly string[];
  /** Language of the refusal message. */
  locale: Locale;
}

export type FreeTextRefusal = 'empty' | 'no-letters' | 'too-short' | 'too-long' | 'disallowed-character' | 'blocked-word';

export type FreeTextResult = { ok: true; text: string } | { ok: false; code: FreeTextRefusal; message: string };

/**
 * Raw input this many times over the limit is refused before any work, so a megabyte of text
 * costs nothing.
 */
const RAW_LENGTH_FACTOR = 8;

/** Project lists are compiled once per config object, not once per answer. */
const compiledProjectLists = new WeakMap<readonly string[], CompiledBlockList>();

function projectList(patterns: readonly string[]): CompiledBlockList {
  let compiled = compiledProjectLists.get(patterns);
  if (!compiled) {
    compiled = compileBlockList(patterns);
    compiledProjectLists.set(patterns, compiled);
  }
  return compiled;
}

/**
 * Cleans `raw` (Unicode NFC; control, zero-width and bidi characters removed; spaces collapsed)
 * and checks it: allowed characters only, length within limits, no blocked words. Returns the
 * cleaned text to store, or a refusal with a message fit to show the player.
 */
export function checkFreeText(raw: string, options: FreeTextOptions): FreeTextResult {
  const strings = moderationStrings(options.locale);
  const refuse = (code: FreeTextRefusal, message: string): FreeTextResult => ({ ok: false, code, message });
  const { maxLength, minLength = 1 } = options;
  if (raw.length > maxLength * RAW_LENGTH_FACTOR) return refuse('too-long', strings.tooLong(maxLength));

  const text = cleanText(raw);
  if (text === '') return refuse('empty', strings.empty);
  const disallowed = firstDisallowedCharacter(text);
  if (disallowed !== undefined) return refuse('disallowed-character', strings.disallowedCharacter(disallowed));
  if (!hasContent(text)) return refuse('no-letters', strings.noLetters);
  const length = visibleLength(text);
  if (length > maxLength) return refuse('too-long', strings.tooLong(maxLength));
  if (length < minLength) return refuse('too-short', strings.tooShort(minLength));

  const lists = [builtInBlockList()];
  if (options.blockList && options.blockList.length > 0) lists.push(projectList(options.blockList));
  if (containsBlockedWord(text, lists)) return refuse('blocked-word', strings.blockedWord);
  return { ok: true, text };
}
