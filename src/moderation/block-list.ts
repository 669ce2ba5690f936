import { allowedPatterns, blockedPatterns } from './words.ts';

/**
 * Block-list matching. A pattern is compared with every word of the text and with the words people
 * build to slip past filters: letters split by separators («х.у.й», «х у й») and words mixing
 * scripts or digits («xyй», «6ля», «sh!t»).
 */

type Script = 'cyrillic' | 'latin';

/** One letter and how many times it repeats in a row: «сууука» is с×1 у×3 к×1 а×1. */
interface Run {
  letter: string;
  count: number;
}

interface CompiledPattern {
  source: string;
  script: Script;
  runs: Run[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
}

export interface CompiledBlockList {
  blocked: CompiledPattern[];
  allowed: CompiledPattern[];
}

/** A valid pattern: letters (hyphens allowed inside), optionally a `*` at either end. */
export const BLOCK_PATTERN = /^\*?\p{L}+(?:-\p{L}+)*\*?$/u;

/**
 * What a Latin letter, digit or symbol looks like or is typed for in Cyrillic; some have two
 * readings (u is «у» by sound and «и» by shape), and both are tried. Only words that already have a
 * Cyrillic letter are read this way.
 */
const TO_CYRILLIC: Record<string, string[]> = {
  a: ['а'],
  b: ['б', 'в'],
  c: ['с'],
  e: ['е'],
  h: ['х', 'н'],
  i: ['и'],
  k: ['к'],
  m: ['м'],
  n: ['п'],
  o: ['о'],
  p: ['р'],
  r: ['г'],
  t: ['т'],
  u: ['у', 'и'],
  x: ['х'],
  y: ['у'],
  '0': ['о'],
  '3': ['з'],
  '4': ['ч'],
  '6': ['б'],
  '@': ['а'],
  '!': ['и'],
  // Transliteration, for words typed half in Latin («пиzда»).
  d: ['д'],
  f: ['ф'],
  g: ['г'],
  j: ['й'],
  l: ['л'],
  s: ['с'],
  v: ['в'],
  z: ['з'],
};

/** What a Cyrillic letter, digit or symbol looks like in Latin. */
const TO_LATIN: Record<string, string[]> = {
  а: ['a'],
  в: ['b'],
  е: ['e'],
  к: ['k'],
  м: ['m'],
  н: ['h'],
  о: ['o'],
  р: ['p'],
  с: ['c'],
  т: ['t'],
  у: ['y'],
  х: ['x'],
  ф: ['f'],
  і: ['i'],
  ѕ: ['s'],
  ј: ['j'],
  '0': ['o'],
  '1': ['i'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '7': ['t'],
  '8': ['b'],
  '@': ['a'],
  $: ['s'],
  '!': ['i'],
};

/** Each ambiguous letter doubles the readings tried; past this a word is read one way only. */
const MAX_READINGS = 16;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

function baseForm(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

function runsOf(letters: string): Run[] {
  const runs: Run[] = [];
  for (const letter of letters) {
    const last = runs.at(-1);
    if (last && last.letter === letter) last.count++;
    else runs.push({ letter, count: 1 });
  }
  return runs;
}

function compilePattern(source: string): CompiledPattern {
  const anchoredStart = !source.startsWith('*');
  const anchoredEnd = !source.endsWith('*');
  const letters = baseForm(source.replace(/^\*|\*$/g, '')).replace(/-/g, '');
  return {
    source,
    script: CYRILLIC.test(letters) ? 'cyrillic' : 'latin',
    runs: runsOf(letters),
    anchoredStart,
    anchoredEnd,
  };
}

export function compileBlockList(blocked: readonly string[], allowed: readonly string[] = []): CompiledBlockList {
  return { blocked: blocked.map(compilePattern), allowed: allowed.map(compilePattern) };
}

/** Every way to read a word in one script: look-alike characters replaced, others kept. */
function readings(word: string, table: Record<string, string[]>): string[] {
  let results = [''];
  for (const character of word) {
    const options = table[character] ?? [character];
    const next = results.length * options.length <= MAX_READINGS ? options : options.slice(0, 1);
    results = results.flatMap((prefix) => next.map((option) => prefix + option));
  }
  return results;
}

function runsMatch(word: Run[], pattern: CompiledPattern): boolean {
  const { runs } = pattern;
  const lastStart = word.length - runs.length;
  for (let start = 0; start <= lastStart; start++) {
    if (pattern.anchoredStart && start > 0) break;
    if (pattern.anchoredEnd && start !== lastStart) continue;
    const fits = runs.every((run, offset) => {
      const candidate = word[start + offset];
      return candidate !== undefined && candidate.letter === run.letter && candidate.count >= run.count;
    });
    if (fits) return true;
  }
  return false;
}

function matchesAny(word: Run[], script: Script, patterns: CompiledPattern[]): boolean {
  return patterns.some((pattern) => pattern.script === script && runsMatch(word, pattern));
}

/**
 * A word is read as Cyrillic only if it has a Cyrillic letter, and as Latin only if it has a Latin
 * one, so ordinary English words are never re-read as Russian (debate → «дебате») or back.
 */
function isBlockedWord(word: string, list: CompiledBlockList): boolean {
  const base = baseForm(word);
  const scripts: [Script, Record<string, string[]>, RegExp][] = [
    ['cyrillic', TO_CYRILLIC, CYRILLIC],
    ['latin', TO_LATIN, LATIN],
  ];
  return scripts.some(
    ([script, table, test]) =>
      test.test(base) &&
      readings(base, table).some((reading) => {
        const runs = runsOf(reading);
        return matchesAny(runs, script, list.blocked) && !matchesAny(runs, script, list.allowed);
      }),
  );
}

/** A word, with «!» allowed inside it because people write «sh!t». */
const WORD = /[\p{L}\p{M}\p{Nd}]+(?:!+[\p{L}\p{M}\p{Nd}]+)*/gu;
/** Between the parts of one disguised word: separators with no space («х.у.й», «х_у-й»). */
const GLUE = /^[.\-‐–—_'’·•,:;]+$/u;
/** Between single letters spelled out («х у й», «х. у. й»). */
const SPELLING_GAP = /^[\s.\-‐–—_'’·•,:;]{1,3}$/u;

interface Token {
  word: string;
  gapBefore: string;
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: match[0], gapBefore: text.slice(end, match.index) });
    end = match.index + match[0].length;
  }
  return tokens;
}

/** Runs of consecutive tokens joined where the gap before each passes `joins`. */
function joinedChains(tokens: Token[], joins: (token: Token, previous: Token) => boolean): string[] {
  const chains: string[] = [];
  let chain: Token[] = [];
  const flush = () => {
    if (chain.length > 1) chains.push(chain.map((token) => token.word).join(''));
    chain = [];
  };
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    if (previous === undefined || !joins(token, previous)) flush();
    chain.push(token);
  });
  flush();
  return chains;
}

function candidateWords(text: string): string[] {
  const tokens = tokensOf(text);
  const isLetter = (token: Token) => Array.from(token.word).length === 1;
  return [
    ...tokens.map((token) => token.word),
    ...joinedChains(tokens, (token) => GLUE.test(token.gapBefore)),
    ...joinedChains(tokens, (token, previous) => isLetter(token) && isLetter(previous) && SPELLING_GAP.test(token.gapBefore)),
  ];
}

let builtIn: CompiledBlockList | undefined;

/** The shipped list, compiled once. */
export function builtInBlockList(): CompiledBlockList {
  builtIn ??= compileBlockList(blockedPatterns, allowedPatterns);
  return builtIn;
}

/** Whether any word of `text` matches a blocked pattern of any of `lists`. */
export function containsBlockedWord(text: string, lists: CompiledBlockList[]): boolean {
  return candidateWords(text).some((word) => lists.some((list) => isBlockedWord(word, list)));
}
