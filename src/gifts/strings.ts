import type { Locale } from '../config/schemas/common.ts';

const ru = {
  yourCode: 'Ваш промокод',
  copy: 'Скопировать',
  copied: 'Скопировано',
  copyFailed: 'Не получилось скопировать: выделите код и скопируйте его вручную',
  booklet: 'Мини-книга',
  pageOf: (number: number, total: number) => `Страница ${number} из ${total}`,
  previousPage: 'Предыдущая страница',
  nextPage: 'Следующая страница',
  downloadPdf: 'Скачать PDF',
  download: 'Скачать',
  openLink: 'Перейти',
};

type GiftStrings = typeof ru;

const en: GiftStrings = {
  yourCode: 'Your promo code',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy: select the code and copy it by hand',
  booklet: 'Mini-book',
  pageOf: (number, total) => `Page ${number} of ${total}`,
  previousPage: 'Previous page',
  nextPage: 'Next page',
  downloadPdf: 'Download PDF',
  download: 'Download',
  openLink: 'Open',
};

const dictionaries: Record<Locale, GiftStrings> = { ru, en };

export function giftStrings(locale: Locale): GiftStrings {
  return dictionaries[locale];
}
