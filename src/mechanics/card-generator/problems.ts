import type { Locale } from '../../config/schemas/common.ts';
import { plural } from '../../i18n/plural.ts';

// Apart from strings.ts, which the player imports: the validator's words stay out of the player's bundle.

const slotList = (slots: readonly string[]) => slots.map((slot) => `{${slot}}`).join(', ');

/** What the validator says about a card whose questions and templates do not fit, in the language of messages. */
const problemsEn = {
  camelCaseName: 'expected a short camelCase name like name or hobbyWhere',
  braceInFragment: 'a fragment cannot contain { or }: slots are filled once, fragments are not templates',
  repeatedQuestionId: (id: string) => `question id «${id}» is used twice; ids must be unique`,
  repeatedOptionId: (id: string) => `option id «${id}» is used twice in this question`,
  missingFragments: (missing: readonly string[], slots: readonly string[]) =>
    `missing ${missing.join(', ')}: every option of a question fills the same slots (${slots.join(', ')})`,
  noSlots: 'the options fill no slots; give each option fragments',
  maxChoicesAboveOptions: (maxChoices: number, options: number) =>
    `maxChoices is ${maxChoices} but the question has only ${options} ${plural(options, 'en', { one: 'option', other: 'options' })}`,
  repeatedSlot: (slot: string, question: number) => `slot {${slot}} is already filled by question ${question}; slot names must be unique`,
  unknownSlots: (unknown: readonly string[], known: readonly string[]) =>
    `unknown slot ${slotList(unknown)}; known slots: ${known.join(', ')}`,
  strayBrace: 'a brace is not part of a {slot}; slots look like {name}',
  unusedQuestion: (question: number, title: string, slots: readonly string[]) =>
    `the template does not use question ${question} («${title}»); use one of ${slotList(slots)} so every answer shows on the card`,
  typedAnswerNotAddress: (slot: string) =>
    `{${slot}} must be followed by «,» or «!»: a typed answer cannot be declined, so use it only as an address, like “{${slot}}, с праздником!”`,
};

const problemsRu: typeof problemsEn = {
  camelCaseName: 'ожидается короткое имя латиницей в camelCase, например name или hobbyWhere',
  braceInFragment: 'во фрагменте не может быть { или }: слоты заполняются один раз, фрагменты — не шаблоны',
  repeatedQuestionId: (id) => `id вопроса «${id}» встречается дважды; id должны быть разными`,
  repeatedOptionId: (id) => `id варианта «${id}» встречается в этом вопросе дважды`,
  missingFragments: (missing, slots) =>
    `не хватает ${missing.join(', ')}: все варианты вопроса заполняют одни и те же слоты (${slots.join(', ')})`,
  noSlots: 'варианты не заполняют ни одного слота; дайте каждому варианту fragments',
  maxChoicesAboveOptions: (maxChoices, options) =>
    `maxChoices — ${maxChoices}, а в вопросе всего ${options} ${plural(options, 'ru', { one: 'вариант', few: 'варианта', other: 'вариантов' })}`,
  repeatedSlot: (slot, question) => `слот {${slot}} уже заполняет вопрос ${question}; имена слотов должны быть разными`,
  unknownSlots: (unknown, known) =>
    `${unknown.length === 1 ? 'неизвестный слот' : 'неизвестные слоты'} ${slotList(unknown)}; известные слоты: ${known.join(', ')}`,
  strayBrace: 'скобка не относится ни к одному {слоту}; слоты выглядят так: {name}',
  unusedQuestion: (question, title, slots) =>
    `шаблон не использует вопрос ${question} («${title}»); вставьте один из слотов ${slotList(slots)}, чтобы каждый ответ попал на открытку`,
  typedAnswerNotAddress: (slot) =>
    `после {${slot}} должна стоять «,» или «!»: введённый ответ не склоняется, поэтому он может быть только обращением, например «{${slot}}, с праздником!»`,
};

const problemDictionaries: Record<Locale, typeof problemsEn> = { ru: problemsRu, en: problemsEn };

export function cardProblems(locale: Locale): typeof problemsEn {
  return problemDictionaries[locale];
}
