import type { Locale } from '../config/schemas/common.ts';

/** Words drawn on the share image itself. */
const imageStrings = {
  ru: { score: (value: number, of: number) => `${value} из ${of}` },
  en: { score: (value: number, of: number) => `${value} of ${of}` },
} satisfies Record<Locale, unknown>;

export function shareImageStrings(locale: Locale): (typeof imageStrings)['ru'] {
  return imageStrings[locale];
}

const ru = {
  networks: 'Соцсети и мессенджеры',
  /** Accessible name of a network link; it starts with the visible network name. */
  shareTo: (network: string) => `${network}: поделиться`,
  opensInNewTab: '(откроется в новой вкладке)',
  copyLink: 'Копировать ссылку',
  copied: 'Ссылка скопирована',
  copyFailed: 'Не удалось скопировать. Выделите ссылку и скопируйте её вручную:',
  shareNative: 'Поделиться картинкой',
};

type ShareButtonStrings = typeof ru;

const en: ShareButtonStrings = {
  networks: 'Social networks and messengers',
  shareTo: (network: string) => `${network}: share`,
  opensInNewTab: '(opens in a new tab)',
  copyLink: 'Copy link',
  copied: 'Link copied',
  copyFailed: 'Could not copy. Select the link and copy it yourself:',
  shareNative: 'Share the picture',
};

const buttonStrings: Record<Locale, ShareButtonStrings> = { ru, en };

export function shareButtonStrings(locale: Locale): ShareButtonStrings {
  return buttonStrings[locale];
}
