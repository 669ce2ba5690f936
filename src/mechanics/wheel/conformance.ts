import type { ConformanceScript } from '../conformance.ts';

export const conformance: ConformanceScript = {
  config: {
    kind: 'wheel',
    prizes: [
      { id: 'booklet', label: 'Книга', odds: 40, stock: 5, gift: { kind: 'link', title: 'Книга', url: 'https://shop.example.ru/book' } },
      { id: 'next-time', label: 'В другой раз', odds: 60, consolation: true },
    ],
  },
  nextAction: () => ({ type: 'spin' }),
  forgedAction: () => ({ type: 'spin', prize: 'booklet' }),
};
