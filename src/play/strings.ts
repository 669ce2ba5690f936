import type { Locale } from '../config/schemas/common.ts';

/**
 * The play service's refusals, in the page's language: players read them in the alert under
 * the game, so a Russian page never shows an English error.
 */
const ru = {
  unknownMechanic: (kind: string) => `Механика «${kind}» не подключена. Сообщите организаторам проекта.`,
  notStarted: 'Проект ещё не начался.',
  ended: 'Проект завершён: новые ответы не принимаются.',
  invalidAction: 'Такого хода в игре нет. Обновите страницу и попробуйте ещё раз.',
  startFirst: 'Сначала нажмите кнопку начала игры.',
  shareNotReady: 'Сначала пройдите игру: делиться пока нечем.',
  giftLocked: 'Подарок откроется, когда вы пройдёте игру до конца.',
  openPageFirst: 'Сначала откройте страницу проекта по ссылке из письма: по ней игра узнаёт вас.',
  shareLimit: (limit: number) => `Вы уже поделились ${limit} результатами: поделитесь одним из них ещё раз.`,
};

type PlayStrings = typeof ru;

const en: PlayStrings = {
  unknownMechanic: (kind) => `The mechanic "${kind}" is not installed. Please tell the project's organisers.`,
  notStarted: 'The project has not started yet.',
  ended: 'The project has ended; no new answers are accepted.',
  invalidAction: 'This action is not one the game accepts. Reload the page and try again.',
  startFirst: 'Start the game before answering.',
  shareNotReady: 'Finish the game first: there is no result to share yet.',
  giftLocked: 'The gift unlocks when the game is completed.',
  openPageFirst: 'Open the project page first: it identifies you for the game.',
  shareLimit: (limit) => `You have shared ${limit} results already; share one of them again.`,
};

const dictionaries: Record<Locale, PlayStrings> = { ru, en };

export function playStrings(locale: Locale): PlayStrings {
  return dictionaries[locale];
}
