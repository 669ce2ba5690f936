import type { ConformanceScript } from '../conformance.ts';
import type { CardGeneratorView } from './rules.ts';

export const conformance: ConformanceScript = {
  config: {
    kind: 'card-generator',
    questions: [
      { type: 'text', id: 'name', title: 'Имя', maxLength: 20 },
      {
        type: 'choice',
        id: 'look',
        title: 'Какая она?',
        options: [
          { id: 'tender', label: 'Нежная', fragments: { look: 'нежная' } },
          { id: 'bright', label: 'Яркая', fragments: { look: 'яркая' } },
        ],
      },
    ],
    templates: ['{name}, с 8 Марта! Ты такая {look}.', 'Дорогая {name}! Оставайся {look}!'],
  },
  nextAction(view) {
    const current = view as CardGeneratorView;
    if (current.stage !== 'question') return { type: 'another' };
    const { question, index } = current;
    return { type: 'answer', question: index, value: question.type === 'text' ? 'Анна' : question.options[0]?.id };
  },
  forgedAction(view) {
    const current = view as CardGeneratorView;
    return { type: 'answer', question: current.stage === 'question' ? current.index + 1 : 0, value: 'Анна' };
  },
};
