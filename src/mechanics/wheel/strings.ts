import type { Locale } from '../../config/schemas/common.ts';

/** Words of the wheel: the player's screen, the server's refusals and the dashboard table. */
const ru = {
  spin: 'Крутить колесо',
  spinning: 'Колесо крутится…',
  spinsLeft: (count: number) => `Попыток осталось: ${count}`,
  wheelLabel: (labels: string[]) => `Колесо призов: ${labels.join(', ')}`,
  youWon: (prize: string) => `Ваш приз: ${prize}`,
  resultTitle: (prize: string) => `Мой приз: ${prize}`,
  funnelStep: 'Крутил колесо',
  refusedNoSpins: 'Все попытки уже использованы: приз — ниже.',
  refusedSpun: 'Это вращение уже засчитано. Обновите страницу, чтобы увидеть приз.',
  dashboardTitle: 'Призы колеса: выдано и запас',
  prize: 'Приз',
  odds: 'Шанс',
  stock: 'Запас',
  given: 'Выдано',
  left: 'Осталось',
  noTier: 'без уровня',
  unlimited: 'без ограничений',
  exhausted: 'закончился',
  dashboardNote: 'Когда приз заканчивается, его шанс делится между оставшимися призами пропорционально их шансам.',
};

type WheelStrings = typeof ru;

const en: WheelStrings = {
  spin: 'Spin the wheel',
  spinning: 'The wheel is spinning…',
  spinsLeft: (count) => `Spins left: ${count}`,
  wheelLabel: (labels) => `Prize wheel: ${labels.join(', ')}`,
  youWon: (prize) => `Your prize: ${prize}`,
  resultTitle: (prize) => `My prize: ${prize}`,
  funnelStep: 'Spun the wheel',
  refusedNoSpins: 'Every spin is used: your prize is below.',
  refusedSpun: 'This spin is already counted. Reload the page to see your prize.',
  dashboardTitle: 'Wheel prizes: given and stock',
  prize: 'Prize',
  odds: 'Odds',
  stock: 'Stock',
  given: 'Given',
  left: 'Left',
  noTier: 'no tier',
  unlimited: 'unlimited',
  exhausted: 'ran out',
  dashboardNote: 'When a prize runs out, its odds are shared among the remaining prizes in proportion to theirs.',
};

const dictionaries: Record<Locale, WheelStrings> = { ru, en };

export function wheelStrings(locale: Locale): WheelStrings {
  return dictionaries[locale];
}
