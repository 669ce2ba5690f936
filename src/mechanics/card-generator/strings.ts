import type { Locale } from '../../config/schemas/common.ts';
import { plural } from '../../i18n/plural.ts';

/** Words of the card generator: the player's screens and the server's refusals. */
const ru = {
  and: 'и',
  /** Needs no declension whatever the name: «Поздравление: Анна». */
  defaultTitle: (name?: string) => (name ? `Поздравление: ${name}` : 'Поздравление'),
  progress: (current: number, total: number) => `Вопрос ${current} из ${total}`,
  next: 'Дальше',
  finish: 'Создать открытку',
  sending: 'Секунду…',
  counter: (length: number, max: number) => `${length} из ${max}`,
  counterLabel: (max: number) => `Можно до ${max} ${characters(max)}`,
  tooLong: (max: number) => `Слишком длинно: можно не больше ${max} ${characters(max)}.`,
  required: 'Напишите ответ, чтобы продолжить.',
  chooseOne: 'Выберите один вариант, чтобы продолжить.',
  chooseSome: (max: number) => `Выберите от одного до ${max} вариантов.`,
  chooseUpTo: (max: number) => `Можно выбрать до ${max} вариантов`,
  cardHeading: 'Ваша открытка',
  variant: (variant: number) => `Вариант ${variant}`,
  another: 'Другой вариант',
  restart: 'Создать ещё',
  refusedWrongQuestion: 'Этот вопрос уже позади. Обновите страницу, чтобы продолжить с того же места.',
  refusedExpectedText: 'Здесь нужен текст.',
  refusedExpectedOne: 'Здесь можно выбрать только один вариант.',
  refusedUnknownOption: 'Такого варианта нет: выберите один из предложенных.',
  refusedTooMany: (max: number) => `Можно выбрать не больше ${max} вариантов.`,
  refusedRepeated: 'Один и тот же вариант выбран дважды.',
  refusedCardReady: 'Открытка уже готова: выберите другой вариант или создайте новую.',
  refusedCardNotReady: 'Сначала ответьте на все вопросы.',
};

type Strings = typeof ru;

/** «до 21 символа», «до 30 символов»: genitive after a number. */
function characters(count: number): string {
  return count % 10 === 1 && count % 100 !== 11 ? 'символа' : 'символов';
}

const en: Strings = {
  and: 'and',
  defaultTitle: (name?: string) => (name ? `A greeting for ${name}` : 'A greeting'),
  progress: (current: number, total: number) => `Question ${current} of ${total}`,
  next: 'Next',
  finish: 'Create the card',
  sending: 'One moment…',
  counter: (length: number, max: number) => `${length} of ${max}`,
  counterLabel: (max: number) => `Up to ${max} characters`,
  tooLong: (max: number) => `Too long: at most ${max} characters, please.`,
  required: 'Please write an answer to continue.',
  chooseOne: 'Choose an option to continue.',
  chooseSome: (max: number) => `Choose one to ${max} options.`,
  chooseUpTo: (max: number) => `You can choose up to ${max}`,
  cardHeading: 'Your card',
  variant: (variant: number) => `Version ${variant}`,
  another: 'Another version',
  restart: 'Make another card',
  refusedWrongQuestion: 'This question is already behind you. Reload the page to continue where you left off.',
  refusedExpectedText: 'This question needs a text answer.',
  refusedExpectedOne: 'Only one option can be chosen here.',
  refusedUnknownOption: 'There is no such option: please choose one of those shown.',
  refusedTooMany: (max: number) => `At most ${max} options can be chosen.`,
  refusedRepeated: 'The same option was chosen twice.',
  refusedCardReady: 'Your card is ready: pick another version or make a new card.',
  refusedCardNotReady: 'Please answer all the questions first.',
};

export type CardStrings = Strings;

export function cardStrings(locale: Locale): CardStrings {
  return locale === 'en' ? en : ru;
}

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
