import { describe, expect, it } from 'vitest';
import { checkCardConfig } from '../../../../src/mechanics/card-generator/check.ts';
import { composeCard, joinList } from '../../../../src/mechanics/card-generator/compose.ts';
import type { AnswerValue, CardGeneratorConfig, ChoiceQuestion } from '../../../../src/mechanics/card-generator/schema.ts';
import { exampleConfig, smallConfig } from './example.ts';

const NAME = 'Анна-Мария';

/** Every way to answer a choice question: each option, and for `multiple` each allowed pair. */
function answersOf(question: ChoiceQuestion): AnswerValue[] {
  const ids = question.options.map((option) => option.id);
  if (!question.multiple) return ids;
  const pairs = ids.flatMap((first, index) => ids.slice(index + 1).map((second) => [first, second]));
  return [...ids.map((id) => [id]), ...pairs];
}

function everyAnswerSet(config: CardGeneratorConfig): AnswerValue[][] {
  return config.questions.reduce<AnswerValue[][]>(
    (sets, question) =>
      sets.flatMap((set) => (question.type === 'text' ? [[...set, NAME]] : answersOf(question).map((answer) => [...set, answer]))),
    [[]],
  );
}

const SENTENCE_IN_LOWER_CASE = /(^|[.!?]\s+|\n)\p{Ll}/u;
/** What may stand right before the name: a line start, «, » or a feminine adjective («Дорогая»). */
const BEFORE_ADDRESS = /(?:^|\n|, |ая )$/u;

/** Problems a reader would notice in a rendered card. */
function flaws(text: string): string[] {
  const found: string[] = [];
  if (/[{}]/.test(text)) found.push('leftover brace');
  if (/ {2,}/.test(text)) found.push('double space');
  if (/ [,.!?:]/.test(text)) found.push('space before punctuation');
  if (/[,—:] *[,.!]/.test(text)) found.push('empty slot between punctuation');
  if (SENTENCE_IN_LOWER_CASE.test(text)) found.push('sentence starts in lower case');
  if (/\bundefined\b/.test(text)) found.push('undefined');
  // The name is only ever an address: at a line start or after «, » or a feminine adjective
  // («Дорогая», «Милая»), and followed by «,» or «!». Anything else would need declension.
  const parts = text.split(NAME);
  const addresses = parts.slice(1).filter((after, index) => /^[,!]/.test(after) && BEFORE_ADDRESS.test(parts[index] as string));
  if (parts.length !== 2 || addresses.length !== 1) found.push(`name used ${parts.length - 1}× with ${addresses.length} as an address`);
  return found;
}

describe('the example project «Генератор поздравлений»', () => {
  const config = exampleConfig();

  it('passes the mechanic config check', () => {
    expect(checkCardConfig(config)).toEqual([]);
  });

  it('has the seed questions and enough templates', () => {
    expect(config.questions.map((question) => question.title)).toEqual([
      'Имя',
      'Какая она?',
      'Какой у нее характер?',
      'Чем она увлекается?',
      'Что для нее главное в жизни?',
    ]);
    for (const question of config.questions) {
      if (question.type === 'choice') expect(question.options.length).toBeGreaterThanOrEqual(5);
    }
    expect(config.templates.length).toBeGreaterThanOrEqual(6);
  });

  it('spots the flaws it looks for', () => {
    expect(flaws(`${NAME}, с 8 Марта! Ты такая нежная.`)).toEqual([]);
    expect(flaws(`Открытка для ${NAME}! Ты такая {look}.`)).toEqual(['leftover brace', 'name used 1× with 0 as an address']);
    expect(flaws(`${NAME}, с 8 Марта!  Главное — .`)).toEqual([
      'double space',
      'space before punctuation',
      'empty slot between punctuation',
    ]);
    expect(flaws(`${NAME}, с 8 Марта! ты такая нежная.`)).toEqual(['sentence starts in lower case']);
  });

  it('renders every template for every combination of answers without flaws', () => {
    const sets = everyAnswerSet(config);
    expect(sets.length).toBe(7 * 7 * 36 * 7);
    const problems = new Set<string>();
    const seen = new Set<string>();
    for (const answers of sets) {
      for (let variant = 1; variant <= config.templates.length; variant++) {
        const card = composeCard(config, answers, 'march-8-greetings', variant);
        seen.add(card.text.split('\n')[0] as string);
        for (const flaw of flaws(card.text)) problems.add(`${flaw}: ${card.text}`);
        if (!card.image) problems.add(`no picture for ${JSON.stringify(answers)}`);
      }
    }
    expect([...problems].slice(0, 5)).toEqual([]);
    // Walking through the variants shows every template's opening line.
    expect(seen.size).toBe(config.templates.length);
  });

  it('uses every fragment alternative in some variant', () => {
    const texts = Array.from(
      { length: 40 },
      (_, variant) => composeCard(config, [NAME, 'tender', 'kind', ['travel'], 'love'], 'seed', variant + 1).text,
    ).join('\n');
    expect(texts).toContain('ярких путешествий');
    expect(texts).toContain('новых маршрутов');
    expect(texts).toContain('от твоей нежности тает даже мартовский снег');
    expect(texts).toContain('рядом с тобой всё становится мягче и теплее');
  });

  it('titles the card without declining the name', () => {
    const card = composeCard(config, ['анна', 'tender', 'kind', ['travel'], 'love'], 'seed', 1);
    expect(card.title).toBe('Поздравление с 8 Марта: Анна');
    expect(card.text.startsWith('Анна') || card.text.includes(' Анна!') || card.text.includes(', Анна!')).toBe(true);
  });
});

describe('composeCard', () => {
  const config = smallConfig();
  const answers: AnswerValue[] = ['Анна', 'tender', ['music', 'books']];

  it('is deterministic: same seed, answers and variant give the same card', () => {
    expect(composeCard(config, answers, 'seed', 2)).toEqual(composeCard(config, answers, 'seed', 2));
  });

  it('gives a different text for the next variant', () => {
    const texts = [1, 2, 3].map((variant) => composeCard(config, answers, 'seed', variant).text);
    expect(new Set(texts).size).toBe(3);
  });

  it('gives visibly different text for different answers', () => {
    const other = composeCard(config, ['Анна', 'bright', ['music', 'books']], 'seed', 1).text;
    expect(other).not.toBe(composeCard(config, answers, 'seed', 1).text);
    expect(other).toMatch(/яркая/i);
  });

  it('joins several choices into one list', () => {
    expect(joinList(['книг'], 'ru')).toBe('книг');
    expect(joinList(['музыки', 'книг', 'танцев'], 'ru')).toBe('музыки, книг и танцев');
    expect(joinList(['music', 'books'], 'en')).toBe('music and books');
    const text = composeCard(config, ['Анна', 'bright', ['books', 'dance']], 'seed', 1).text;
    expect(text).toContain('книг и танцев');
  });

  it('capitalises the name and sentence starts, and picks the chosen option picture', () => {
    const card = composeCard(config, ['анна', 'tender', ['books']], 'seed', 1);
    expect(card.text).toMatch(/(^|[ ,])Анна[,!]/);
    expect(card.text).not.toMatch(/\. \p{Ll}/u);
    expect(card.image).toBe('assets/tulips.svg');
    expect(composeCard(config, ['анна', 'bright', ['books']], 'seed', 1).image).toBeUndefined();
    expect(card.title).toBe('Поздравление: Анна');
  });
});
