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

/** What the validator says about a quiz whose results or questions do not fit, in the language of messages. */
const problemsEn = {
  reversedRange: (minScore: number, maxScore: number) =>
    `minScore ${minScore} is greater than maxScore ${maxScore}; expected minScore ≤ maxScore.`,
  beyondHighestScore: (maxScore: number, questions: number) =>
    `maxScore ${maxScore} is out of range: with ${questions} ${plural(questions, 'en', { one: 'question', other: 'questions' })} the highest score is ${questions}.`,
  overlap: (from: number, to: number, earlier: number, earlierRange: string) =>
    `${from === to ? `Score ${from} is` : `Scores ${from}–${to} are`} also covered by results[${earlier}] (${earlierRange}); expected exactly one result per score.`,
  gap: (from: number, to: number, highest: number) =>
    `${from === to ? `Score ${from} is` : `Scores ${from}–${to} are`} not covered by any result; expected the ranges to cover every score from 0 to ${highest}.`,
  altWithoutImage: 'imageAlt is set but image is not; expected an image path beside its alt text.',
  repeatedVerdict: (opener: string, verdict: string) =>
    `starts with "${opener}", which repeats the verdict "${verdict}" shown right above it; start with the explanation itself.`,
};

const scoresRu = (from: number, to: number) => (from === to ? `Счёт ${from}` : `Счёт от ${from} до ${to}`);

const problemsRu: typeof problemsEn = {
  reversedRange: (minScore, maxScore) => `minScore ${minScore} больше maxScore ${maxScore}; нужно minScore ≤ maxScore.`,
  beyondHighestScore: (maxScore, questions) =>
    `maxScore ${maxScore} вне диапазона: при ${questions} ${plural(questions, 'ru', { one: 'вопросе', other: 'вопросах' })} наибольший счёт — ${questions}.`,
  overlap: (from, to, earlier, earlierRange) =>
    `${scoresRu(from, to)} уже входит в results[${earlier}] (${earlierRange}); у каждого счёта должен быть ровно один результат.`,
  gap: (from, to, highest) =>
    `${scoresRu(from, to)} не входит ни в один результат; диапазоны должны покрыть каждый счёт от 0 до ${highest}.`,
  altWithoutImage: 'imageAlt задан, а image нет; укажите путь к картинке рядом с её описанием.',
  repeatedVerdict: (opener, verdict) =>
    `начинается с «${opener}» и повторяет вердикт «${verdict}», который показан прямо над пояснением; начните сразу с самого пояснения.`,
};

const problemDictionaries: Record<Locale, typeof problemsEn> = { ru: problemsRu, en: problemsEn };

export function quizProblems(locale: Locale): typeof problemsEn {
  return problemDictionaries[locale];
}
