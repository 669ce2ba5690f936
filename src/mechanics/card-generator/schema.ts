import { z } from 'zod';
import { currentMessageLocale, schemaMessage } from '../../i18n/cli-messages.ts';
import { assetPath, text, type Locale } from '../../config/schemas/common.ts';
import { BLOCK_PATTERN } from '../../moderation/index.ts';
import { cardProblems } from './problems.ts';

/** A question id, which is also a slot name in templates: `{name}`, `{hobbyWhere}`. */
const identifier = z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, {
  error: () => cardProblems(currentMessageLocale()).camelCaseName,
});

const optionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: schemaMessage((words) => words.lowercaseId('tulips')) });

/** Text put into a slot; braces are refused because fragments are inserted as they are, never re-filled. */
const fragmentText = text(300).refine((value) => !/[{}]/.test(value), {
  error: () => cardProblems(currentMessageLocale()).braceInFragment,
});

/** Free text typed by the player, e.g. the name. */
export const textQuestionSchema = z.strictObject({
  /** @example text */
  type: z.literal('text').meta({ description: 'text: the player types an answer, such as a name.' }),
  /**
   * Names the answer and the slot it fills: id `name` fills `{name}` in templates. A typed name
   * cannot be declined, so templates use it only as an address, followed by «,» or «!»
   * («{name}, с 8 Марта!», «Дорогая {name}!»); the config check enforces this.
   * @example name
   */
  id: identifier.meta({
    description:
      'Names the answer and the slot it fills: id name fills {name} in templates. A typed name cannot be declined, ' +
      'so templates use it only as an address, followed by «,» or «!» («{name}, с 8 Марта!»).',
    examples: ['name'],
  }),
  /** @example Имя */
  title: text(200).meta({ description: 'The question, as a heading.', examples: ['Имя'] }),
  /** A line under the title. @example Так, как вы к ней обращаетесь */
  hint: text(300)
    .optional()
    .meta({ description: 'A line under the title.', examples: ['Так, как вы к ней обращаетесь'] }),
  /** @example Например, Анна */
  placeholder: text(80)
    .optional()
    .meta({ description: 'Grey text in the empty field.', examples: ['Например, Анна'] }),
  /** Longest answer in visible characters (an emoji counts as one). @example 30 */
  maxLength: z
    .number()
    .int()
    .min(2)
    .max(60)
    .default(30)
    .meta({ description: 'Longest answer in visible characters (an emoji counts as one).', examples: [30] }),
});

/** One answer of a choice question, with the text it brings into the greeting. */
export const choiceOptionSchema = z.strictObject({
  /** Stable id, stored in players' answers; keep it when you reword the label. @example tender */
  id: optionId.meta({ description: 'Stable id, stored in players’ answers; keep it when you reword the label.', examples: ['tender'] }),
  /** What the player taps. @example Нежная */
  label: text(80).meta({ description: 'What the player taps.', examples: ['Нежная'] }),
  /**
   * Text for each slot this question fills, already in the grammatical form the templates need:
   * one slot per form («нежная», «нежной»…), so no word is ever declined by the program. A list
   * gives alternatives picked per card variant. Every option of a question fills the same slots.
   * @example { look: нежная, lookLike: нежной, hobbyGen: [ярких путешествий, новых маршрутов] }
   */
  fragments: z.record(identifier, z.union([fragmentText, z.array(fragmentText).min(1).max(8)])).meta({
    description:
      'Text for each slot this question fills ({look} in a template takes fragments.look), already in the grammatical ' +
      'form the template needs: one slot per form, so no word is ever declined by the program. A list gives ' +
      'alternatives picked per card variant. Every option of a question fills the same slots.',
    examples: [{ look: 'нежная', lookLike: 'нежной', hobbyGen: ['ярких путешествий', 'новых маршрутов'] }],
  }),
  /**
   * A picture shown on the option and used as the card's background when it is chosen.
   * @example assets/tulips.svg
   */
  image: assetPath.optional().meta({
    description: 'A picture shown on the option and used as the card’s background when it is chosen.',
    examples: ['assets/tulips.svg'],
  }),
});

/** Pick one option, or several with `multiple`. */
export const choiceQuestionSchema = z.strictObject({
  /** @example choice */
  type: z.literal('choice').meta({ description: 'choice: the player picks one option, or several with multiple.' }),
  /** Names the answer in funnels and reports. @example look */
  id: identifier.meta({ description: 'Names the answer in funnels and reports.', examples: ['look'] }),
  /** @example Какая она? */
  title: text(200).meta({ description: 'The question, as a heading.', examples: ['Какая она?'] }),
  /** @example Выберите один вариант */
  hint: text(300)
    .optional()
    .meta({ description: 'A line under the title.', examples: ['Выберите один вариант'] }),
  /** Several options may be chosen; their fragments are joined with «, » and «и». @example true */
  multiple: z
    .boolean()
    .default(false)
    .meta({ description: 'Several options may be chosen; their fragments are joined with «, » and «и».', examples: [true] }),
  /** With `multiple`: the most options a player may choose. @example 2 */
  maxChoices: z
    .number()
    .int()
    .min(2)
    .max(5)
    .default(2)
    .meta({ description: 'With multiple: the most options a player may choose.', examples: [2] }),
  /**
   * 2 to 12 options.
   * @example [{ id: tender, label: Нежная, fragments: { look: нежная, lookLike: нежной } }]
   */
  options: z
    .array(choiceOptionSchema)
    .min(2)
    .max(12)
    .meta({
      description: '2 to 12 options.',
      examples: [[{ id: 'tender', label: 'Нежная', fragments: { look: 'нежная', lookLike: 'нежной' } }]],
    }),
});

export const questionSchema = z.discriminatedUnion('type', [textQuestionSchema, choiceQuestionSchema]);

export const cardModerationSchema = z.strictObject({
  /**
   * Extra words to refuse in typed answers, added to the built-in Russian and English list:
   * `слово` blocks the word, `слово*` words starting with it, `*слово*` words containing it.
   * @example [конкурент*, скидк*]
   */
  blockList: z
    .array(
      z
        .string()
        .trim()
        .regex(BLOCK_PATTERN, { error: schemaMessage((words) => words.blockedWord) }),
    )
    .max(500)
    .default([])
    .meta({
      description:
        'Extra words to refuse in typed answers, added to the built-in Russian and English list: слово blocks the word, ' +
        'слово* words starting with it, *слово* words containing it.',
      examples: [['конкурент*', 'скидк*']],
    }),
});

/** The `card-generator` mechanic: a few questions, then a greeting card composed from the answers. */
export const cardGeneratorConfigSchema = z.strictObject({
  /** @example card-generator */
  kind: z
    .literal('card-generator')
    .meta({ description: 'card-generator: a few questions, then a greeting card composed from the answers.' }),
  /**
   * Asked one per screen, in this order.
   * @example [{ type: text, id: name, title: Имя }, { type: choice, id: look, title: Какая она?, options: […] }]
   */
  questions: z
    .array(questionSchema)
    .min(1)
    .max(10)
    .meta({
      description: 'Asked one per screen, in this order; each question’s id is the slot it fills in templates.',
      examples: [[{ type: 'text', id: 'name', title: 'Имя' }]],
    }),
  /**
   * Greetings with `{slot}` placeholders, filled from the answers; «Другой вариант» moves to the
   * next template. Each template uses every question at least once, so every answer shows.
   * A line break starts a new paragraph; sentence starts are capitalised after filling.
   * @example "{name}, с 8 Марта! Ты такая {look}, что рядом с тобой расцветает весна."
   */
  templates: z
    .array(text(1200))
    .min(1)
    .max(40)
    .meta({
      description:
        'Greetings with {slot} placeholders, filled from the answers: {name} by the text question with id name, ' +
        '{look} by the fragments.look of the chosen option. «Другой вариант» moves to the next template. Each ' +
        'template uses every question at least once; a line break starts a new paragraph.',
      examples: [['{name}, с 8 Марта!\nТы такая {look}, что рядом с тобой расцветает весна.']],
    }),
  /**
   * Headline of the card on share pages; may use slots. Defaults to «Поздравление: {name}» with
   * the first typed answer, a phrasing that never needs to decline the name.
   * @example "Поздравление: {name}"
   */
  cardTitle: text(120)
    .optional()
    .meta({
      description: 'Headline of the card on share pages; may use slots such as {name}. Defaults to «Поздравление: {name}».',
      examples: ['Поздравление с 8 Марта: {name}'],
    }),
  /** Card background when no chosen option has an image. @example assets/spring.svg */
  defaultImage: assetPath
    .optional()
    .meta({ description: 'Card background when no chosen option has an image.', examples: ['assets/spring.svg'] }),
  /** Moderation of typed answers. @example { blockList: [икеа] } */
  moderation: cardModerationSchema.prefault({}).meta({ description: 'Moderation of typed answers before a card goes public.' }),
});

/** An answer: typed text, one option id, or several option ids. */
export const answerValueSchema = z.union([z.string().max(1000), z.array(optionId).min(1).max(12)]);

export const cardGeneratorActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('answer'), question: z.number().int().min(0).max(20), value: answerValueSchema }),
  z.strictObject({ type: z.literal('another') }),
  z.strictObject({ type: z.literal('restart') }),
]);

export type CardGeneratorOwnConfig = z.output<typeof cardGeneratorConfigSchema>;
/**
 * What the mechanic receives: its own fields plus the project's slug (for asset URLs) and locale
 * (for refusal messages), which every project config has.
 */
export type CardGeneratorConfig = CardGeneratorOwnConfig & { slug: string; locale: Locale };
export type CardQuestion = z.output<typeof questionSchema>;
export type TextQuestion = z.output<typeof textQuestionSchema>;
export type ChoiceQuestion = z.output<typeof choiceQuestionSchema>;
export type ChoiceOption = z.output<typeof choiceOptionSchema>;
export type AnswerValue = z.output<typeof answerValueSchema>;
export type CardGeneratorAction = z.output<typeof cardGeneratorActionSchema>;
