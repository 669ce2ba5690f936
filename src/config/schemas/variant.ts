import { z } from 'zod';
import { schemaMessage } from '../../i18n/cli-messages.ts';
import { text } from './common.ts';
import { giftSchema } from './gift.ts';

const described = (description: string) => ({ description });

/**
 * One arm of an A/B test: what its customers see instead of the project's own intro and gift
 * (an arm that sets neither is the «as it is» arm). Only these two are varied, so the arms stay
 * one mechanic with one set of questions and their difference is the one thing the test measures.
 */
export const variantSchema = z
  .strictObject({
    /** Short id of the arm, written in the mailing file and shown on the dashboard. */
    id: z
      .string()
      .regex(/^[a-z0-9-]{1,20}$/, { error: schemaMessage((words) => words.shortId('a', 'short-intro')) })
      .meta({ description: 'Short id of the arm, written in the mailing file and shown on the dashboard.', examples: ['a'] }),
    /** Replaces fields of `intro` for this arm's customers; fields left out keep the project's. */
    intro: z
      .strictObject({
        title: text(200)
          .optional()
          .meta({ description: 'This arm’s heading of the first screen.', examples: ['Сыграем в новогодние традиции?'] }),
        titleWithName: text(200)
          .refine((value) => value.includes('{name}'), { error: schemaMessage((words) => words.containsName) })
          .optional()
          .meta({
            description: 'This arm’s heading when the customer’s name is known; {name} is replaced by it.',
            examples: ['{name}, сыграем в новогодние традиции?'],
          }),
        text: text(2000)
          .optional()
          .meta({ description: 'This arm’s text under the heading.', examples: ['Шесть вопросов — и подарок ваш.'] }),
        startButton: text(40)
          .optional()
          .meta({ description: 'This arm’s label of the start button.', examples: ['Поехали'] }),
      })
      .optional()
      .meta(described('Replaces fields of intro for this arm’s customers; fields left out keep the project’s.')),
    /** Replaces the default `gift` for this arm's customers; `giftRules` still come first. */
    gift: giftSchema.optional().meta(described('Replaces the default gift for this arm’s customers; giftRules still come first.')),
  })
  .meta(described('One arm of an A/B test: its own intro fields and/or default gift; an arm with neither sees the project’s own.'));

/**
 * A/B arms: mailed customers are split evenly between them within each segment at import, like
 * the control group (the control group is held out first and sees no arm).
 */
export const variantsSchema = z
  .array(variantSchema)
  .min(2, { error: schemaMessage((words) => words.tooFewArms) })
  .max(4, { error: schemaMessage((words) => words.tooManyArms) })
  .refine((variants) => new Set(variants.map((variant) => variant.id)).size === variants.length, {
    error: schemaMessage((words) => words.repeatedArmIds),
  })
  .meta({
    description:
      'A/B arms: mailed customers are split evenly between them within each segment at import; the dashboard compares each with the control group and with each other.',
    examples: [[{ id: 'a' }, { id: 'b', intro: { title: 'Сыграем в новогодние традиции?' } }]],
  });

export type Variant = z.output<typeof variantSchema>;
