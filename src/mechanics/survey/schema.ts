import { z } from 'zod';
import { schemaMessage } from '../../i18n/cli-messages.ts';
import { text } from '../../config/schemas/common.ts';
import { giftSchema } from '../../config/schemas/gift.ts';
import { BLOCK_PATTERN } from '../../moderation/index.ts';

export const MAX_QUESTIONS = 20;
const id = z.string().regex(/^[a-z0-9-]{1,40}$/, { error: schemaMessage((words) => words.shortId('reason')) });

/** A gift that answers one reason, for one spend tier or for everyone. */
export const remedySchema = z
  .strictObject({
    tier: z
      .string()
      .optional()
      .meta({ description: 'Name of a tier from tiers; omit for everyone not matched by an earlier remedy.', examples: ['vip'] }),
    gift: giftSchema.meta({
      description: 'The offer that answers this reason.',
      examples: [
        {
          kind: 'promo-code',
          title: 'Скидка 15%',
          pool: 'gifts/discount.csv',
          fallback: { title: 'Коды закончились', text: 'Загляните в акции.' },
        },
      ],
    }),
  })
  .meta({
    description: 'A gift that answers one reason, for one spend tier or for everyone.',
    examples: [{ tier: 'vip', gift: { kind: 'link', title: 'Персональная скидка', url: 'https://shop.example.ru/vip' } }],
  });

export const optionSchema = z
  .strictObject({
    id: id.meta({ description: 'Short id of the answer, for follow-ups, the export and the webhook.', examples: ['expensive'] }),
    label: text(120).meta({ description: 'The answer as the player reads it.', examples: ['Стало дорого'] }),
    ownAnswer: z
      .boolean()
      .default(false)
      .meta({
        description: '«Свой вариант»: choosing it asks for a few words of the player’s own, moderated before they are kept.',
        examples: [true],
      }),
    remedy: z
      .array(remedySchema)
      .max(10)
      .optional()
      .meta({
        description: 'Gifts for players who give this answer, the first matching tier wins; the first answer with a remedy decides.',
        examples: [[{ tier: 'vip', gift: { kind: 'link', title: 'Персональная скидка', url: 'https://shop.example.ru/vip' } }]],
      }),
  })
  .meta({ description: 'One answer of a choice question.', examples: [{ id: 'expensive', label: 'Стало дорого' }] });

export const showIfSchema = z
  .strictObject({
    question: id.meta({ description: 'Id of an earlier question.', examples: ['nps'] }),
    answers: z
      .array(z.string().min(1).max(40))
      .min(1)
      .meta({
        description: 'Answer ids of that question (for an NPS question: detractor, passive, promoter) that show this one.',
        examples: [['detractor']],
      }),
  })
  .meta({
    description: 'Shows the question only after certain answers to an earlier one.',
    examples: [{ question: 'nps', answers: ['detractor'] }],
  });

const questionBase = {
  id: id.meta({ description: 'Short id of the question, for follow-ups, the export and the webhook.', examples: ['reason'] }),
  title: text(200).meta({ description: 'The question.', examples: ['Почему вы перестали к нам заходить?'] }),
  hint: text(300)
    .optional()
    .meta({ description: 'A line under the question.', examples: ['Можно выбрать несколько ответов.'] }),
  showIf: showIfSchema.optional(),
};

export const choiceQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.enum(['single', 'multiple']).meta({ description: 'single: one answer; multiple: one or more.', examples: ['single'] }),
    options: z
      .array(optionSchema)
      .min(2)
      .max(12)
      .meta({
        description: 'The answers to choose from.',
        examples: [
          [
            { id: 'expensive', label: 'Стало дорого' },
            { id: 'own', label: 'Свой вариант', ownAnswer: true },
          ],
        ],
      }),
    maxLength: z
      .number()
      .int()
      .min(10)
      .max(500)
      .default(200)
      .meta({ description: 'Longest «свой вариант» in characters.', examples: [200] }),
  })
  .meta({ description: 'A question with answers to choose from.' });

export const textQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('text').meta({ description: 'A few words of the player’s own, moderated before they are kept.', examples: ['text'] }),
    maxLength: z
      .number()
      .int()
      .min(10)
      .max(500)
      .default(300)
      .meta({ description: 'Longest answer in characters.', examples: [300] }),
    optional: z
      .boolean()
      .default(false)
      .meta({ description: 'The player may skip it.', examples: [true] }),
  })
  .meta({ description: 'A free-text question.' });

export const npsQuestionSchema = z
  .strictObject({
    ...questionBase,
    type: z.literal('nps').meta({ description: 'Net Promoter Score: 0 to 10.', examples: ['nps'] }),
    scale: z
      .strictObject({
        low: text(60).meta({ description: 'What 0 means.', examples: ['Точно не порекомендую'] }),
        high: text(60).meta({ description: 'What 10 means.', examples: ['Обязательно порекомендую'] }),
      })
      .meta({
        description: 'The words at both ends of the 0–10 scale; required so the scale reads the same for everyone.',
        examples: [{ low: 'Точно нет', high: 'Точно да' }],
      }),
  })
  .meta({ description: 'A 0–10 «would you recommend us» question.' });

export const surveyQuestionSchema = z.discriminatedUnion('type', [choiceQuestionSchema, textQuestionSchema, npsQuestionSchema]);

/** The `survey` mechanic: why did you leave, and what would bring you back. */
export const surveyConfigSchema = z.strictObject({
  kind: z.literal('survey').meta({ description: 'A survey with choice, free-text and NPS questions.', examples: ['survey'] }),
  questions: z
    .array(surveyQuestionSchema)
    .min(1)
    .max(MAX_QUESTIONS)
    .meta({
      description: 'Asked one per screen in this order; a question with showIf only after the answers it names.',
      examples: [[{ id: 'nps', type: 'nps', title: 'Порекомендуете нас?', scale: { low: 'Нет', high: 'Да' } }]],
    }),
  thanks: z
    .strictObject({
      title: text(120).meta({
        description: 'Headline after the last answer; also the share card’s title.',
        examples: ['Спасибо, что ответили!'],
      }),
      text: text(600)
        .optional()
        .meta({ description: 'A line under it, on the page only.', examples: ['Мы подобрали предложение по вашему ответу — оно ниже.'] }),
      shareText: text(300)
        .optional()
        .meta({
          description: 'The line under the title on the share card; the card never shows a player’s own words.',
          examples: ['Я рассказал(а), что исправить, — а вы?'],
        }),
    })
    .meta({ description: 'The screen after the last answer.', examples: [{ title: 'Спасибо!' }] }),
  moderation: z
    .strictObject({
      blockList: z
        .array(
          z
            .string()
            .trim()
            .regex(BLOCK_PATTERN, { error: schemaMessage((words) => words.blockedWord) }),
        )
        .max(500)
        .default([])
        .meta({ description: 'Words refused in free-text answers, * for any ending.', examples: [['конкурент*']] }),
    })
    .prefault({})
    .meta({ description: 'Moderation of free-text answers.', examples: [{ blockList: ['спам*'] }] }),
});

export const surveyActionSchema = z.strictObject({
  type: z.literal('answer'),
  question: id,
  /** An option id, several, a 0–10 score, or nothing for a skipped optional question. */
  value: z.union([z.string().max(40), z.array(z.string().max(40)).max(12), z.number().int().min(-1000).max(1000)]).optional(),
  text: z.string().max(2000).optional(),
});

export type SurveyOwnConfig = z.output<typeof surveyConfigSchema>;
export type SurveyQuestion = z.output<typeof surveyQuestionSchema>;
export type ChoiceQuestion = z.output<typeof choiceQuestionSchema>;
export type SurveyAction = z.output<typeof surveyActionSchema>;
