import type { ConformanceScript } from '../conformance.ts';
import type { QuizView } from './view.ts';

export const conformance: ConformanceScript = {
  config: {
    kind: 'true-false-quiz',
    questions: [
      { statement: 'Вода мокрая.', answer: true, explanation: 'Из неё состоят дождь и реки.' },
      { statement: 'Снег горячий.', answer: false, explanation: 'Снег — это замёрзшая вода.' },
    ],
    results: [{ minScore: 0, maxScore: 2, title: 'Готово', text: 'Спасибо за игру.' }],
  },
  nextAction: (view) => ({ type: 'answer', question: (view as QuizView).current?.index ?? 0, answer: true }),
  forgedAction: (view) => ({ type: 'answer', question: ((view as QuizView).current?.index ?? 0) + 1, answer: true }),
};
