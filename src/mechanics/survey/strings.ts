import type { Locale } from '../../config/schemas/common.ts';

/** Words of the survey: the player's screen, the server's refusals and the dashboard tables. */
const ru = {
  progress: (current: number) => `Вопрос ${current}`,
  next: 'Дальше',
  finish: 'Отправить',
  sending: 'Отправляем…',
  ownPlaceholder: 'Напишите свой вариант',
  chooseOne: 'Выберите ответ, чтобы продолжить.',
  chooseScore: 'Выберите оценку от 0 до 10.',
  writeSomething: 'Напишите ответ, чтобы продолжить.',
  refusedNotShown: 'Этот вопрос сейчас не задан. Обновите страницу, чтобы продолжить с того же места.',
  refusedDone: 'Опрос уже пройден — спасибо!',
  refusedUnknownOption: 'Такого ответа нет: выберите один из предложенных.',
  refusedOneOnly: 'Здесь можно выбрать только один ответ.',
  refusedScale: 'Оценка — целое число от 0 до 10.',
  refusedNeedsText: 'Напишите свой вариант в поле под ответом.',
  funnelStep: (title: string) => title,
  reasonsTitle: (question: string) => `Ответы: ${question}`,
  answer: 'Ответ',
  total: 'Всего',
  segment: (name: string) => `Сегмент: ${name || 'без сегмента'}`,
  tier: (name: string) => `Уровень: ${name || 'без уровня'}`,
  npsTitle: (question: string) => `NPS: ${question}`,
  npsColumns: ['Ответов', 'Промоутеры (9–10)', 'Нейтралы (7–8)', 'Критики (0–6)', 'NPS', '95% интервал'],
  npsNote: 'NPS = доля промоутеров − доля критиков, от −100 до +100; интервал — нормальное приближение.',
  freeTextTitle: 'Свои ответы (прошли модерацию)',
  freeTextColumns: ['Вопрос', 'Ответ'],
  freeTextNote: 'Здесь и в выгрузке — без привязки к покупателю; в картинки для соцсетей свои ответы не попадают никогда.',
};

type SurveyStrings = typeof ru;

const en: SurveyStrings = {
  progress: (current) => `Question ${current}`,
  next: 'Next',
  finish: 'Send',
  sending: 'Sending…',
  ownPlaceholder: 'Write your own answer',
  chooseOne: 'Choose an answer to go on.',
  chooseScore: 'Choose a score from 0 to 10.',
  writeSomething: 'Write an answer to go on.',
  refusedNotShown: 'This question is not being asked now. Reload the page to go on where you were.',
  refusedDone: 'The survey is already complete — thank you!',
  refusedUnknownOption: 'There is no such answer: choose one of those offered.',
  refusedOneOnly: 'Only one answer can be chosen here.',
  refusedScale: 'The score is a whole number from 0 to 10.',
  refusedNeedsText: 'Write your own answer in the field under it.',
  funnelStep: (title) => title,
  reasonsTitle: (question) => `Answers: ${question}`,
  answer: 'Answer',
  total: 'Total',
  segment: (name) => `Segment: ${name || 'none'}`,
  tier: (name) => `Tier: ${name || 'none'}`,
  npsTitle: (question) => `NPS: ${question}`,
  npsColumns: ['Answers', 'Promoters (9–10)', 'Passives (7–8)', 'Detractors (0–6)', 'NPS', '95% interval'],
  npsNote: 'NPS = share of promoters − share of detractors, from −100 to +100; the interval is the normal approximation.',
  freeTextTitle: 'Own answers (moderated)',
  freeTextColumns: ['Question', 'Answer'],
  freeTextNote: 'Shown here and in the download without the customer; own answers never reach a share image.',
};

const dictionaries: Record<Locale, SurveyStrings> = { ru, en };

export function surveyStrings(locale: Locale): SurveyStrings {
  return dictionaries[locale];
}
