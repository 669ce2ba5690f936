import Typograf from 'typograf';
import type { Locale } from '../config/schemas/common.ts';

/**
 * Typography players read: no-break spaces that keep «8 Марта» and «к 23 Февраля» on one line,
 * dashes, «ёлочки», ellipses. Typograf's rules, not ours; one instance per language, since an
 * English text must not get Russian quotes.
 */
const typografs: Record<Locale, Typograf> = {
  ru: new Typograf({ locale: ['ru', 'en-US'] }),
  en: new Typograf({ locale: ['en-US'] }),
};

export function typeset(text: string, locale: Locale): string {
  return typografs[locale].execute(text);
}

/**
 * Fields of a project config that are not prose: identifiers, file paths, colours, dates and
 * words matched against players' input. Everything else a player reads gets typeset.
 */
const NOT_PROSE = new Set([
  'slug',
  'kind',
  'locale',
  'id',
  'name',
  'segment',
  'tier',
  'pool',
  'path',
  'image',
  'defaultImage',
  'logo',
  'heroImage',
  'background',
  'gradient',
  'font',
  'colors',
  'textColor',
  'align',
  'textAlign',
  'timezone',
  'startsAt',
  'endsAt',
  'sentAt',
  'from',
  'counts',
  'url',
  'pdfFileName',
  'blockList',
  'moderation',
  'webhook',
]);

/** The config with every prose string typeset for its language; the original is left as it was. */
export function typesetProse<Config extends { locale: Locale }>(config: Config): Config {
  return typesetValue(config, config.locale) as Config;
}

function typesetValue(value: unknown, locale: Locale): unknown {
  if (typeof value === 'string') return typeset(value, locale);
  if (Array.isArray(value)) return value.map((item) => typesetValue(item, locale));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, NOT_PROSE.has(key) ? item : typesetValue(item, locale)]));
}
