import type { Locale } from '../../config/schemas/common.ts';
import { plural } from '../../i18n/plural.ts';

// Apart from strings.ts, which the player imports: the validator's words stay out of the player's bundle.

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
