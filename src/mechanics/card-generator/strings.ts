import type { Locale } from '../../config/schemas/common.ts';

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
