import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { buildProjectSchema } from '../../../src/config/build-schema.ts';
import type { ProjectConfig } from '../../../src/config/schema.ts';
import { text } from '../../../src/config/schemas/common.ts';
import { fakeCard, fakeQuiz } from './fake-mechanics.ts';

const requiredBase = {
  title: 'Верю — не верю',
  branding: { brandName: 'Hoff' },
  intro: { title: 'Веришь?', startButton: 'Играю' },
  gift: { kind: 'link', title: 'Скидка', url: 'https://hoff.ru/promo' },
  share: { title: '{title}', description: 'Сыграйте', callToAction: 'Сыграть самому' },
  reactivation: { forecast: 21659 },
};

describe('buildProjectSchema', () => {
  const schema = buildProjectSchema([fakeQuiz, fakeCard]);

  it('accepts each mechanic with its own fields and fills the shared defaults', () => {
    const card = schema.parse({ ...requiredBase, slug: 'march-8', kind: 'fake-card', greeting: 'С 8 Марта!' });
    expect(card).toMatchObject({ kind: 'fake-card', greeting: 'С 8 Марта!', locale: 'ru', giftRules: [], tiers: [] });
    expect(card.schedule.timezone).toBe('Europe/Moscow');
  });

  it("refuses another mechanic's fields, since every branch is strict", () => {
    const result = schema.safeParse({ ...requiredBase, slug: 'march-8', kind: 'fake-card', greeting: 'Hi', questions: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['questions'] }]);
  });

  it('narrows the config type by kind', () => {
    const config = schema.parse({
      ...requiredBase,
      slug: 'ny',
      kind: 'fake-quiz',
      questions: [{ statement: 'В Дании прыгают со стульев.', answer: true }],
    });
    if (config.kind === 'fake-quiz') {
      expectTypeOf(config.questions[0]!.answer).toEqualTypeOf<boolean>();
      expect(config.questions[0]?.answer).toBe(true);
    }
    expectTypeOf(config.branding.colors.primary).toEqualTypeOf<string>();
  });

  it('refuses a mechanic whose fields collide with the shared ones', () => {
    const clashing = { kind: 'clash', configSchema: z.strictObject({ kind: z.literal('clash'), title: text() }) };
    expect(() => buildProjectSchema([clashing])).toThrow(
      'Mechanic "clash" declares config fields that every project already has: title. Rename them in its configSchema.',
    );
  });
});

describe('ProjectConfig of the registered mechanics', () => {
  it('keeps each mechanic’s fields after narrowing by kind', () => {
    type Quiz = Extract<ProjectConfig, { kind: 'true-false-quiz' }>;
    expectTypeOf<Quiz['questions'][number]['answer']>().toEqualTypeOf<boolean>();
    expectTypeOf<Quiz['reactivation']['forecast']>().toEqualTypeOf<number>();
  });
});

describe('variants (A/B arms)', () => {
  const schema = buildProjectSchema([fakeQuiz, fakeCard]);
  const withVariants = (variants: unknown) => ({ ...requiredBase, slug: 'ab', kind: 'fake-card', greeting: 'Hi', variants });
  const messages = (variants: unknown) => schema.safeParse(withVariants(variants)).error?.issues.map((issue) => issue.message) ?? [];

  it('accepts two arms, one as it is and one with its own intro text and gift', () => {
    const gift = { kind: 'link', title: 'Доставка бесплатно', url: 'https://hoff.ru/delivery' };
    const config = schema.parse(withVariants([{ id: 'a' }, { id: 'b', intro: { text: 'Подарок в конце' }, gift }]));
    expect(config.variants?.[1]).toMatchObject({ id: 'b', intro: { text: 'Подарок в конце' }, gift: { kind: 'link' } });
  });

  it('refuses one arm, a repeated id and an intro field the arm cannot change', () => {
    expect(messages([{ id: 'a' }])).toEqual(['an A/B test needs at least two arms']);
    expect(messages([{ id: 'a' }, { id: 'a' }])).toEqual(['each arm needs its own id']);
    expect(schema.safeParse(withVariants([{ id: 'a' }, { id: 'b', intro: { heroImage: 'x.png' } }])).success).toBe(false);
  });
});
