import type { Locale } from '../../config/schemas/common.ts';
import type { AnswerValue, CardGeneratorConfig, CardQuestion, ChoiceOption } from './schema.ts';
import { cardStrings } from './strings.ts';
import { cyrb53 } from '../../lib/cyrb53.ts';

/** A finished greeting. Stored with the play, so the card shared is exactly the card shown. */
export interface ComposedCard {
  title: string;
  text: string;
  /** Asset path inside the project folder, if the card has a picture. */
  image?: string;
  /** 1 for the first card from these answers, +1 for each «Другой вариант». */
  variant: number;
}

/** `{slot}` in a template; anything else in braces is reported by the config check. */
export const SLOT = /\{([a-z][a-zA-Z0-9]*)\}/g;

export function slotsIn(template: string): string[] {
  return Array.from(template.matchAll(SLOT), (match) => match[1] as string);
}

const slotsByQuestion = new WeakMap<CardQuestion, string[]>();

/** The slots a question fills: its id for typed text, the options' fragment names for a choice. */
export function slotsOf(question: CardQuestion): string[] {
  if (question.type === 'text') return [question.id];
  let slots = slotsByQuestion.get(question);
  if (!slots) {
    slots = [...new Set(question.options.flatMap((option) => Object.keys(option.fragments)))];
    slotsByQuestion.set(question, slots);
  }
  return slots;
}

/** mulberry32: a tiny seeded generator, so the same seed always gives the same card. */
function randomFrom(seed: string): () => number {
  let state = cyrb53(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

/** «a», «a и b», «a, b и c». */
export function joinList(items: string[], locale: Locale): string {
  const and = cardStrings(locale).and;
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

function chosenOptions(question: CardQuestion, answer: AnswerValue | undefined): ChoiceOption[] {
  if (question.type !== 'choice' || answer === undefined) return [];
  const ids = Array.isArray(answer) ? answer : [answer];
  return ids.flatMap((id) => question.options.filter((option) => option.id === id));
}

function slotValues(config: CardGeneratorConfig, answers: readonly AnswerValue[], random: () => number): Map<string, string> {
  const values = new Map<string, string>();
  config.questions.forEach((question, index) => {
    const answer = answers[index];
    if (question.type === 'text') {
      // A name typed on a phone keyboard often starts in lower case; on a card it is capitalised.
      if (typeof answer === 'string') values.set(question.id, capitaliseFirst(answer));
      return;
    }
    const options = chosenOptions(question, answer);
    for (const slot of slotsOf(question)) {
      const parts = options.flatMap((option) => {
        const fragment = option.fragments[slot];
        if (fragment === undefined) return [];
        return [Array.isArray(fragment) ? pick(fragment, random) : fragment];
      });
      values.set(slot, joinList(parts, config.locale));
    }
  });
  return values;
}

function capitaliseFirst(text: string): string {
  return text.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}

/** Capital letter at the start of the text, of each line and after «.», «!», «?» or «…». */
function capitaliseSentences(text: string): string {
  return text.replace(/(^|[.!?…]\s+|\n\s*)(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

export function fillTemplate(template: string, values: ReadonlyMap<string, string>): string {
  const filled = template.replace(SLOT, (whole, slot: string) => values.get(slot) ?? whole);
  return capitaliseSentences(filled.replace(/[ \t]{2,}/g, ' ').trim());
}

function firstTypedAnswer(config: CardGeneratorConfig, answers: readonly AnswerValue[]): string | undefined {
  const index = config.questions.findIndex((question) => question.type === 'text');
  const answer = answers[index];
  return typeof answer === 'string' ? answer : undefined;
}

/**
 * Composes the card for complete `answers`. Deterministic: the same seed, answers and variant
 * always give the same card. The templates are shuffled once per set of answers, and variants walk
 * through that order, so «Другой вариант» never repeats a template until all have been shown.
 */
export function composeCard(config: CardGeneratorConfig, answers: readonly AnswerValue[], seed: string, variant: number): ComposedCard {
  const answersKey = `${seed}\u0000${JSON.stringify(answers)}`;
  const order = shuffled(config.templates.length, randomFrom(answersKey));
  const templateIndex = order[(variant - 1) % order.length] as number;
  const values = slotValues(config, answers, randomFrom(`${answersKey}\u0000${variant}`));
  const name = firstTypedAnswer(config, answers);
  const title = config.cardTitle
    ? fillTemplate(config.cardTitle, values)
    : cardStrings(config.locale).defaultTitle(name === undefined ? undefined : capitaliseFirst(name));
  const images = config.questions.flatMap((question, index) =>
    chosenOptions(question, answers[index]).flatMap((option) => (option.image ? [option.image] : [])),
  );
  const image = images.length > 0 ? images[(variant - 1) % images.length] : config.defaultImage;
  return {
    title,
    text: fillTemplate(config.templates[templateIndex] as string, values),
    ...(image ? { image } : {}),
    variant,
  };
}
