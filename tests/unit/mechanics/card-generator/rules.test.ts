import { describe, expect, it } from 'vitest';
import { cardGenerator, type CardGeneratorState } from '../../../../src/mechanics/card-generator/index.ts';
import type { CardGeneratorConfig } from '../../../../src/mechanics/card-generator/schema.ts';
import { ActionRefused, type ActContext } from '../../../../src/mechanics/types.ts';
import { parseShareContent } from '../../../../src/share/content.ts';
import { smallConfig } from './example.ts';

const context: ActContext = { seed: 'test-card', now: new Date('2021-03-05T10:00:00Z') };
const config = smallConfig();

function play(actions: unknown[], from: CardGeneratorState = cardGenerator.initialState(config), on: CardGeneratorConfig = config) {
  return actions.reduce<CardGeneratorState>((state, action) => cardGenerator.act(on, state, action, context), from);
}

const answerAll = [
  { type: 'answer', question: 0, value: 'Анна' },
  { type: 'answer', question: 1, value: 'tender' },
  { type: 'answer', question: 2, value: ['books', 'music'] },
];

function refusalOf(action: unknown, state: CardGeneratorState = cardGenerator.initialState(config), on = config): ActionRefused {
  try {
    cardGenerator.act(on, state, action, context);
  } catch (error) {
    if (error instanceof ActionRefused) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(action)} to be refused`);
}

describe('card-generator rules', () => {
  it('asks the questions in order, then composes the card', () => {
    const afterName = play(answerAll.slice(0, 1));
    expect(cardGenerator.view(config, afterName)).toMatchObject({ stage: 'question', index: 1, total: 3 });
    expect(cardGenerator.isComplete(config, afterName)).toBe(false);
    const done = play(answerAll);
    expect(cardGenerator.isComplete(config, done)).toBe(true);
    const view = cardGenerator.view(config, done);
    expect(view).toMatchObject({ stage: 'card', variant: 1, title: 'Поздравление: Анна', imageUrl: '/assets/test-card/assets/tulips.svg' });
    expect(view.stage === 'card' && view.text).toContain('Анна');
  });

  it('never shows the fragments behind the options', () => {
    const view = cardGenerator.view(config, play(answerAll.slice(0, 1)));
    expect(JSON.stringify(view)).not.toContain('нежная');
    expect(view).toMatchObject({
      question: {
        type: 'choice',
        options: [
          { id: 'tender', label: 'Нежная', imageUrl: '/assets/test-card/assets/tulips.svg' },
          { id: 'bright', label: 'Яркая' },
        ],
      },
    });
  });

  it('stores the cleaned name, not what was typed', () => {
    expect(play(answerAll.slice(0, 1).map((action) => ({ ...action, value: '  Ан\u200Bна\u202E ' }))).answers).toEqual(['Анна']);
  });

  it('is deterministic and the same picks in another order give the same card', () => {
    const reordered = [...answerAll.slice(0, 2), { type: 'answer', question: 2, value: ['music', 'books'] }];
    expect(play(reordered).card).toEqual(play(answerAll).card);
  });

  it('«another» moves to the next variant with a different text', () => {
    const first = play(answerAll);
    const second = play([{ type: 'another' }], first);
    expect(second.card?.variant).toBe(2);
    expect(second.card?.text).not.toBe(first.card?.text);
    expect(second.answers).toEqual(first.answers);
  });

  it('«restart» starts a new card from the first question', () => {
    const restarted = play([{ type: 'restart' }], play(answerAll));
    expect(restarted).toEqual({ answers: [] });
    expect(cardGenerator.view(config, restarted)).toMatchObject({ stage: 'question', index: 0 });
  });

  it('counts funnel steps per question', () => {
    const steps = cardGenerator.funnelSteps(config);
    expect(steps.map((step) => step.id)).toEqual(['name', 'look', 'hobby']);
    const state = play(answerAll.slice(0, 2));
    expect(steps.map((step) => step.passed(state))).toEqual([true, true, false]);
  });

  it('summarises the card for sharing, with the chosen picture as a project asset path', () => {
    const state = play(answerAll);
    expect(cardGenerator.summary(config, state)).toEqual({
      title: 'Поздравление: Анна',
      text: state.card?.text,
      image: 'assets/tulips.svg',
    });
  });

  it('summarises a card without a picture without an image', () => {
    const state = play([...answerAll.slice(0, 1), { type: 'answer', question: 1, value: 'bright' }, answerAll[2]]);
    const summary = cardGenerator.summary(config, state);
    expect(summary).toEqual({ title: 'Поздравление: Анна', text: state.card?.text });
    expect(summary).not.toHaveProperty('image');
  });

  it('summarises into content the share image accepts as it is', () => {
    const summary = cardGenerator.summary(config, play(answerAll));
    expect(parseShareContent({ ...summary })).toEqual(summary);
  });
});

describe('card-generator refusals', () => {
  it.each([
    ['a question out of order', { type: 'answer', question: 1, value: 'tender' }, 'wrong-question'],
    ['a question past the end', { type: 'answer', question: 9, value: 'x' }, 'wrong-question'],
    ['options for a text question', { type: 'answer', question: 0, value: ['tender'] }, 'expected-text'],
    ['a rude name', { type: 'answer', question: 0, value: 'сучка' }, 'blocked-word'],
    ["a word from the project's list", { type: 'answer', question: 0, value: 'Конкуренты' }, 'blocked-word'],
    ['a name too long', { type: 'answer', question: 0, value: 'А'.repeat(21) }, 'too-long'],
    ['markup in the name', { type: 'answer', question: 0, value: '<b>Анна</b>' }, 'disallowed-character'],
    ['«another» before the card', { type: 'another' }, 'card-not-ready'],
  ])('refuses %s', (_, action, code) => {
    expect(refusalOf(action).code).toBe(code);
  });

  it.each([
    ['an unknown option', 'nope', 'unknown-option'],
    ['two options for a single choice', ['tender', 'bright'], 'expected-one'],
  ])('refuses %s', (_, value, code) => {
    expect(refusalOf({ type: 'answer', question: 1, value }, play(answerAll.slice(0, 1))).code).toBe(code);
  });

  it.each([
    ['more options than allowed', ['music', 'books', 'dance'], 'too-many'],
    ['the same option twice', ['music', 'music'], 'repeated-option'],
  ])('refuses %s', (_, value, code) => {
    expect(refusalOf({ type: 'answer', question: 2, value }, play(answerAll.slice(0, 2))).code).toBe(code);
  });

  it('refuses answers once the card is ready', () => {
    expect(refusalOf({ type: 'answer', question: 2, value: ['music'] }, play(answerAll)).code).toBe('card-ready');
  });

  it('explains refusals in the project language', () => {
    expect(refusalOf({ type: 'another' }).message).toBe('Сначала ответьте на все вопросы.');
    const english = { ...config, locale: 'en' as const };
    expect(refusalOf({ type: 'another' }, cardGenerator.initialState(english), english).message).toBe(
      'Please answer all the questions first.',
    );
    expect(refusalOf({ type: 'answer', question: 0, value: 'fuck' }, cardGenerator.initialState(english), english).message).toBe(
      "Let's keep it friendly: please rephrase without rude words.",
    );
  });

  it('rejects malformed actions at the schema', () => {
    for (const action of [{ type: 'answer', question: 0 }, { type: 'jump' }, { type: 'another', extra: 1 }, 'another']) {
      expect(cardGenerator.actionSchema.safeParse(action).success).toBe(false);
    }
  });
});
