import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { formatPath, parseWithFriendlyErrors } from '../../../src/config/friendly-errors.ts';
import { text } from '../../../src/config/schemas/common.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

/** A small config with every kind of mistake an author makes: a typo'd key, a wrong type, too long, missing. */
const schema = z.strictObject({
  title: text(5),
  brandName: z.string(),
  count: z.number().int().max(10),
  kind: z.enum(['quiz', 'card']),
  items: z.array(z.string()).min(2),
});
const mistakes = { title: 'Новый год', brandname: 'Магазин', count: 12, kind: 'wheel', items: 'a, b' };

function messagesOf(input: unknown): string[] {
  const result = parseWithFriendlyErrors(schema, input);
  if (result.success) throw new Error('Expected the input to be refused.');
  return result.problems.map((problem) => `${formatPath(problem.path)}: ${problem.message}`);
}

describe('validator messages in the language of the team', () => {
  beforeEach(() => {
    vi.stubEnv('LANG', 'ru_RU.UTF-8');
    reloadSettings();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    reloadSettings();
  });

  it('are Russian under a Russian LANG: types, lengths, bounds, choices and «did you mean»', () => {
    expect(messagesOf(mistakes)).toEqual([
      'title: нужно не больше 5 символов, а получено 9',
      'count: ожидается число не больше 10, а получено 12',
      'kind: ожидается одно из: quiz, card, а получено "wheel"',
      'items: ожидается список (строки, начинающиеся с «- »), а получено "a, b"',
      'brandname: неизвестный ключ "brandname"; может быть, имелся в виду "brandName"?',
    ]);
    expect(messagesOf({ title: ' ', brandName: null, count: 1, kind: 'quiz', items: ['a'], extra: 1 })).toEqual([
      'title: не может быть пустым',
      'brandName: ожидается текст, а получено пустое значение',
      'items: нужно не меньше 2 элементов, а получено 1',
      'extra: неизвестный ключ "extra"; допустимы: title, brandName, count, kind, items',
    ]);
    expect(messagesOf({ brandName: 'Магазин', count: 1, kind: 'quiz', items: ['a', 'b'] })).toEqual([
      'title: обязательное поле не заполнено; ожидается текст',
    ]);
  });

  it('are English under LANG=C', () => {
    vi.stubEnv('LANG', 'C.UTF-8');
    reloadSettings();
    expect(messagesOf(mistakes)).toEqual([
      'title: expected at most 5 characters, got 9',
      'count: expected a number at most 10, got 12',
      'kind: expected one of quiz, card, got "wheel"',
      'items: expected a list (lines starting with "- "), got "a, b"',
      'brandname: unknown key "brandname"; did you mean "brandName"?',
    ]);
  });
});
