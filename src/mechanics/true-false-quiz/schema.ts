import { z } from 'zod';
import { schemaMessage } from '../../i18n/cli-messages.ts';
import { assetPath, text } from '../../config/schemas/common.ts';

export const MIN_QUESTIONS = 2;
export const MAX_QUESTIONS = 20;

/** One statement the player believes or not. */
export const questionSchema = z.strictObject({
  /**
   * The statement, phrased so that it can be true or false.
   * @example На Кубе в новогоднюю ночь выплёскивают воду из окон.
   */
  statement: text(300).meta({
    description: 'The statement, phrased so that it can be true or false.',
    examples: ['На Кубе в новогоднюю ночь выплёскивают воду из окон.'],
  }),
  /**
   * Whether the statement is true.
   * @example true
   */
  answer: z
    .boolean({ error: schemaMessage((words) => words.trueOrFalse) })
    .meta({ description: 'Whether the statement is true: true or false, without quotes.', examples: [true] }),
  /**
   * Shown after the player answers, whatever the answer: the story behind the fact.
   * @example Правда! Так кубинцы желают новому году пути чистого, как вода.
   */
  explanation: text(800).meta({
    description: 'Shown after the player answers, whatever the answer: the story behind the fact.',
    examples: ['Правда! Так кубинцы желают новому году пути чистого, как вода.'],
  }),
  /**
   * A picture shown with the statement.
   * @example assets/cuba.jpg
   */
  image: assetPath.optional().meta({ description: 'A picture shown with the statement.', examples: ['assets/cuba.jpg'] }),
  /**
   * Text alternative of the picture for screen readers; omit it for a decorative picture.
   * @example Вёдра с водой на подоконнике
   */
  imageAlt: text(200)
    .optional()
    .meta({
      description: 'Text alternative of the picture for screen readers; omit it for a decorative picture.',
      examples: ['Вёдра с водой на подоконнике'],
    }),
});

/** What a player with a score in `minScore..maxScore` reads at the end. */
export const resultSchema = z.strictObject({
  /**
   * Lowest score of the range, inclusive.
   * @example 0
   */
  minScore: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Lowest score of the range, inclusive.', examples: [0] }),
  /**
   * Highest score of the range, inclusive.
   * @example 2
   */
  maxScore: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Highest score of the range, inclusive.', examples: [2] }),
  /**
   * Headline of the result; also the title of the share card.
   * @example Знаток традиций
   */
  title: text(120).meta({
    description: 'Headline of the result; also the title of the share card, and {title} in share.title.',
    examples: ['Знаток традиций'],
  }),
  /**
   * A few friendly sentences about the result.
   * @example Вы угадали почти всё — с вами не страшно встречать Новый год где угодно.
   */
  text: text(800).meta({
    description: 'A few friendly sentences about the result.',
    examples: ['Вы угадали почти всё — с вами не страшно встречать Новый год где угодно.'],
  }),
});

/** Labels of the two answer buttons, and of the verdict shown after each answer. */
export const labelsSchema = z.strictObject({
  /**
   * The «it is true» button.
   * @example Верю
   */
  trueButton: text(30).meta({ description: 'The «it is true» button.', examples: ['Верю'] }),
  /**
   * The «it is false» button.
   * @example Не верю
   */
  falseButton: text(30).meta({ description: 'The «it is false» button.', examples: ['Не верю'] }),
  /**
   * What the answer screen says of a true statement, in the words of the buttons; «Это правда.»
   * (or It is true.) when omitted.
   * @example Это факт.
   */
  trueVerdict: text(60)
    .optional()
    .meta({
      description: 'What the answer screen says of a true statement; «Это правда.» (or It is true.) when omitted.',
      examples: ['Это факт.'],
    }),
  /**
   * What the answer screen says of a made-up statement; «Это вымысел.» (or It is made up.) when
   * omitted.
   * @example Это выдумка.
   */
  falseVerdict: text(60)
    .optional()
    .meta({
      description: 'What the answer screen says of a made-up statement; «Это вымысел.» (or It is made up.) when omitted.',
      examples: ['Это выдумка.'],
    }),
});

/** A quiz of statements: the player says whether each one is true, then sees a result by score. */
export const configSchema = z.strictObject({
  /** @example true-false-quiz */
  kind: z
    .literal('true-false-quiz')
    .meta({ description: 'true-false-quiz: «Верю — не верю», statements to believe or not, a result by score.' }),
  /**
   * The statements, asked in this order.
   * @example [{ statement: 'В Дании в полночь спрыгивают со стульев.', answer: true, explanation: 'Правда!' }]
   */
  questions: z
    .array(questionSchema)
    .min(MIN_QUESTIONS)
    .max(MAX_QUESTIONS)
    .meta({
      description: `The statements, asked in this order; ${MIN_QUESTIONS} to ${MAX_QUESTIONS}.`,
      examples: [
        [
          {
            statement: 'В Дании в полночь спрыгивают со стульев.',
            answer: true,
            explanation: 'Правда! Так датчане «впрыгивают» в новый год.',
          },
        ],
      ],
    }),
  /**
   * Results by score range; together the ranges must cover every score from 0 to the number of
   * questions exactly once.
   * @example [{ minScore: 0, maxScore: 3, title: 'Новичок', text: '…' }, { minScore: 4, maxScore: 6, title: 'Знаток', text: '…' }]
   */
  results: z
    .array(resultSchema)
    .min(1)
    .meta({
      description: 'Results by score range; together the ranges cover every score from 0 to the number of questions exactly once.',
      examples: [
        [
          { minScore: 0, maxScore: 3, title: 'Новичок', text: 'Самое время узнать новые традиции!' },
          { minScore: 4, maxScore: 6, title: 'Знаток', text: 'С вами не страшно встречать Новый год где угодно.' },
        ],
      ],
    }),
  /**
   * Labels of the answer buttons; «Верю» / «Не верю» (or True / False in English) when omitted.
   * @example { trueButton: Правда, falseButton: Вымысел }
   */
  labels: labelsSchema
    .optional()
    .meta({ description: 'Labels of the answer buttons; «Верю» / «Не верю» (or True / False in English) when omitted.' }),
});

export type QuizConfig = z.output<typeof configSchema>;
export type QuizQuestion = z.output<typeof questionSchema>;
export type QuizResult = z.output<typeof resultSchema>;
export type QuizLabels = z.output<typeof labelsSchema>;

/** The one action of the quiz: the answer to question `question` (0-based). */
export const actionSchema = z.strictObject({
  type: z.literal('answer'),
  question: z
    .number()
    .int()
    .nonnegative()
    .max(MAX_QUESTIONS - 1),
  answer: z.boolean(),
});

export type QuizAction = z.output<typeof actionSchema>;
