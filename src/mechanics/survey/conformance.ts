import type { ConformanceScript } from '../conformance.ts';
import type { SurveyView } from './rules.ts';

export const conformance: ConformanceScript = {
  config: {
    kind: 'survey',
    questions: [
      {
        id: 'reason',
        type: 'single',
        title: 'Почему вы ушли?',
        options: [
          { id: 'expensive', label: 'Дорого', remedy: [{ gift: { kind: 'link', title: 'Скидка', url: 'https://shop.example.ru/sale' } }] },
          { id: 'own', label: 'Свой вариант', ownAnswer: true },
        ],
      },
      { id: 'nps', type: 'nps', title: 'Порекомендуете нас?', scale: { low: 'Нет', high: 'Да' } },
      { id: 'why-low', type: 'text', title: 'Что не так?', showIf: { question: 'nps', answers: ['detractor'] } },
    ],
    thanks: { title: 'Спасибо!' },
  },
  nextAction(view) {
    const current = view as SurveyView;
    if (current.stage !== 'question') return { type: 'answer', question: 'none' };
    const { question } = current;
    if (question.type === 'nps') return { type: 'answer', question: question.id, value: 3 };
    if (question.type === 'text') return { type: 'answer', question: question.id, text: 'Долгая доставка' };
    return { type: 'answer', question: question.id, value: question.options[0]?.id };
  },
  forgedAction: () => ({ type: 'answer', question: 'why-low', text: 'Не спрашивали' }),
};
