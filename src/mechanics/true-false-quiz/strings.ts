import type { Locale } from '../../config/schemas/common.ts';
import { plural } from '../../i18n/plural.ts';
import type { QuizLabels } from './schema.ts';

const ru = {
  defaultLabels: { trueButton: 'Верю', falseButton: 'Не верю' } satisfies QuizLabels,
  progress: (number: number, total: number) => `Вопрос ${number} из ${total}`,
  funnelStep: (number: number) => `Вопрос ${number}`,
  right: 'Верно!',
  wrong: 'Не угадали',
  itIsTrue: 'Это правда.',
  itIsFalse: 'Это вымысел.',
  next: 'Дальше',
  showResult: 'Узнать результат',
  sending: 'Отправляем ответ…',
  yourScore: 'Ваш результат',
  score: (value: number, of: number) => `${value} из ${of}`,
  scoreSpoken: (value: number, of: number) =>
    `${value} ${plural(value, 'ru', { one: 'правильный ответ', few: 'правильных ответа', other: 'правильных ответов' })} из ${of}`,
  refusedComplete: (total: number) =>
    `Викторина уже пройдена: ответы на все ${total} ${plural(total, 'ru', { one: 'вопрос', few: 'вопроса', other: 'вопросов' })} приняты.`,
  refusedAnswered: (number: number, next: number) =>
    `На вопрос ${number} вы уже ответили; следующий — вопрос ${next}. Обновите страницу, чтобы продолжить.`,
  refusedTooEarly: (number: number, next: number) =>
    `До вопроса ${number} ещё не дошли; сейчас вопрос ${next}. Обновите страницу, чтобы продолжить.`,
};

type QuizStrings = typeof ru;

const en: QuizStrings = {
  defaultLabels: { trueButton: 'True', falseButton: 'False' },
  progress: (number, total) => `Question ${number} of ${total}`,
  funnelStep: (number) => `Question ${number}`,
  right: 'Right!',
  wrong: 'Not quite',
  itIsTrue: 'It is true.',
  itIsFalse: 'It is made up.',
  next: 'Next',
  showResult: 'See my result',
  sending: 'Sending your answer…',
  yourScore: 'Your score',
  score: (value, of) => `${value} of ${of}`,
  scoreSpoken: (value, of) => `${value} ${plural(value, 'en', { one: 'right answer', other: 'right answers' })} out of ${of}`,
  refusedComplete: (total) =>
    `The quiz is already complete: ${plural(total, 'en', { one: 'its one answer is', other: `all ${total} answers are` })} in.`,
  refusedAnswered: (number, next) => `Question ${number} is already answered; the next one is question ${next}. Reload the page to go on.`,
  refusedTooEarly: (number, next) =>
    `Question ${number} cannot be answered yet; the next one is question ${next}. Reload the page to go on.`,
};

const dictionaries: Record<Locale, QuizStrings> = { ru, en };

export function quizStrings(locale: Locale): QuizStrings {
  return dictionaries[locale];
}
