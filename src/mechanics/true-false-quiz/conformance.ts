import type { ConformanceScript } from '../conformance.ts';
import type { QuizView } from './view.ts';

export const conformance: ConformanceScript = {
  config: {
    kind: 'true-false-quiz',
    questions: [
      { statement: 'Вода мокрая.', answer: true, explanation: 'Правда.' },
      { statement: 'Снег горячий.', answer: false, explanation: 'Вымысел.' },
    ],
    results: [{ minScore: 0, maxScore: 2, title: 'Готово', text: 'Спасибо за игру.' }],
  },
  nextAction: (view) => ({ type: 'answer', question: (view as QuizView).current?.index ?? 0, answer: true }),
  forgedAction: (view) => ({ type: 'answer', question: ((view as QuizView).current?.index ?? 0) + 1, answer: true }),
};
