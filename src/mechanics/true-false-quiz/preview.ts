import type { PreviewPlay } from '../types.ts';
import type { QuizConfig } from './schema.ts';
import { quizStrings } from './strings.ts';

/** Each question (the ones before it answered right), then each result reached with its lowest score. */
export function quizPreviewPlays(config: QuizConfig & { locale?: 'ru' | 'en' }): PreviewPlay[] {
  const strings = quizStrings(config.locale ?? 'ru');
  const answer = (question: number, right: boolean) => ({
    type: 'answer',
    question,
    answer: right === config.questions[question]?.answer,
  });
  const questions = config.questions.map((_, index) => ({
    label: strings.funnelStep(index + 1),
    actions: Array.from({ length: index }, (_, question) => answer(question, true)),
  }));
  const results = config.results.map((result) => ({
    label: `${strings.yourScore}: ${result.title} (${strings.score(result.minScore, config.questions.length)})`,
    actions: config.questions.map((_, question) => answer(question, question < result.minScore)),
  }));
  return [...questions, ...results];
}
