import type { Locale } from '../config/schemas/common.ts';

/** Refusals a player sees under a text field; they explain what to change, never the rule's internals. */
const ru = {
  empty: 'Напишите хотя бы пару букв.',
  noLetters: 'Нужны буквы или цифры, а не только знаки препинания.',
  tooShort: (min: number) => `Слишком коротко: нужно не меньше ${min} ${plural(min, 'символа', 'символов', 'символов')}.`,
  tooLong: (max: number) => `Слишком длинно: можно не больше ${max} ${plural(max, 'символа', 'символов', 'символов')}.`,
  disallowedCharacter: (character: string) =>
    `Символ «${character}» здесь не подходит. Можно буквы, цифры, пробелы, знаки препинания и эмодзи.`,
  blockedWord: 'Давайте обойдёмся без грубых слов — попробуйте написать по-другому.',
};

type Strings = typeof ru;

const en: Strings = {
  empty: 'Please write at least a couple of letters.',
  noLetters: 'Please use letters or digits, not only punctuation.',
  tooShort: (min: number) => `Too short: at least ${min} ${min === 1 ? 'character' : 'characters'}, please.`,
  tooLong: (max: number) => `Too long: at most ${max} ${max === 1 ? 'character' : 'characters'}, please.`,
  disallowedCharacter: (character: string) =>
    `The character “${character}” can't be used here. Letters, digits, spaces, punctuation and emoji are fine.`,
  blockedWord: "Let's keep it friendly: please rephrase without rude words.",
};

/** Russian genitive after a number: 1 символа, 5 символов, 21 символа (after «не меньше/больше»). */
function plural(count: number, one: string, few: string, many: string): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

export function moderationStrings(locale: Locale): Strings {
  return locale === 'en' ? en : ru;
}
