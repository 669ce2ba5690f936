import type { Locale } from '../config/schemas/common.ts';

/**
 * Framework UI strings. Project copy (intro, questions, gift texts) comes from project.yaml in
 * the project's language; these are the words around it. Mechanics and components keep their own
 * strings beside them.
 */
const ru = {
  start: 'Начать',
  loading: 'Загрузка…',
  retry: 'Попробовать ещё раз',
  networkError: 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз.',
  serverError: 'Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту.',
  giftHeading: 'Ваш подарок',
  shareHeading: 'Поделиться',
  makeShare: 'Поделиться результатом',
  downloadImage: 'Скачать картинку',
  teaserHeading: 'Скоро начнём',
  teaserStarts: (date: string) => `Начало — ${date}`,
  closedHeading: 'Проект завершён',
  closedGiftStillHere: 'Ваш подарок по-прежнему здесь:',
  notFoundTitle: 'Такой страницы нет',
  notFoundText: 'Проверьте адрес ссылки или откройте проект из письма ещё раз.',
  unavailableTitle: 'Проект временно недоступен',
  unavailableText: 'Мы уже чиним его. Загляните чуть позже.',
  sharedBy: 'Результат, которым поделились',
  projectsHeading: 'Спецпроекты',
  skipToContent: 'К содержимому',
  needsJavaScript: 'Чтобы играть, включите JavaScript в браузере или откройте ссылку в другом браузере.',
};

type Strings = typeof ru;

const en: Strings = {
  start: 'Start',
  loading: 'Loading…',
  retry: 'Try again',
  networkError: 'No connection to the server. Check your internet and try again.',
  serverError: 'Something went wrong on our side. Please try again in a minute.',
  giftHeading: 'Your gift',
  shareHeading: 'Share',
  makeShare: 'Share your result',
  downloadImage: 'Download the image',
  teaserHeading: 'Coming soon',
  teaserStarts: (date: string) => `Starts ${date}.`,
  closedHeading: 'This project has ended',
  closedGiftStillHere: 'Your gift is still here:',
  notFoundTitle: 'There is no such page',
  notFoundText: 'Check the link address or open the project from your email again.',
  unavailableTitle: 'This project is temporarily unavailable',
  unavailableText: 'We are fixing it. Please come back a little later.',
  sharedBy: 'A shared result',
  projectsHeading: 'Special projects',
  skipToContent: 'Skip to content',
  needsJavaScript: 'To play, turn on JavaScript in your browser or open the link in another browser.',
};

const dictionaries: Record<Locale, Strings> = { ru, en };

export type UiStrings = Strings;

export function uiStrings(locale: Locale): UiStrings {
  return dictionaries[locale];
}

/** Building a formatter costs far more than formatting with one, so each is built once. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(value: Date, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    dateFormats.set(key, format);
  }
  return format.format(value);
}
