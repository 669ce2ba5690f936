import type { QuizProjectConfig } from '../../../../src/mechanics/true-false-quiz/view.ts';

/** Three questions with answers true, false, true and results covering 0..3. */
export function threeQuestionQuiz(): QuizProjectConfig {
  return {
    kind: 'true-false-quiz',
    slug: 'test-quiz',
    locale: 'ru',
    questions: [
      { statement: 'Statement one', answer: true, explanation: 'Explanation one' },
      {
        statement: 'Statement two',
        answer: false,
        explanation: 'Explanation two',
        image: 'assets/two pic.png',
        imageAlt: 'Picture two',
      },
      { statement: 'Statement three', answer: true, explanation: 'Explanation three', image: 'assets/three.svg' },
    ],
    results: [
      { minScore: 0, maxScore: 1, title: 'Low', text: 'Low text' },
      { minScore: 2, maxScore: 2, title: 'Middle', text: 'Middle text' },
      { minScore: 3, maxScore: 3, title: 'Top', text: 'Top text' },
    ],
  };
}

export const context = { seed: 'seed', now: new Date('2020-12-15T10:00:00Z') };
