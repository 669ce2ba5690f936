import type { Locale } from '../config/schemas/common.ts';

/**
 * Numbers as the dashboard prints them. Russian groups thousands with a no-break space
 * («29 136»); percentages are written without a space before the sign («+35%») as in the CRM
 * team's own reports, so a headline never wraps between the number and its `%`.
 */

const intlLocale = (locale: Locale): string => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** 29136 → «29 136» (ru) or «29,136» (en). */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A ratio as a percentage: 0.125 → «12,5%» (ru) / «12.5%» (en); `digits` caps the decimals. */
export function formatPercent(ratio: number, locale: Locale, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(ratio * 100);
  return `${number}%`;
}

/** A change as a signed whole percentage: 0.345 → «+35%», −0.12 → «−12%», 0 → «0%». */
export function formatSignedPercent(ratio: number, locale: Locale): string {
  if (!Number.isFinite(ratio)) return '—';
  const rounded = Math.round(ratio * 100);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${formatCount(Math.abs(rounded), locale)}%`;
}

/** A signed count for incremental figures: 1234 → «+1 234», −5 → «−5». */
export function formatSignedCount(value: number, locale: Locale): string {
  const rounded = Math.round(value);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${formatCount(Math.abs(rounded), locale)}`;
}

/** «fact / forecast (delta)», the headline the CRM team compares campaigns by. */
export function formatFactVsForecast(fact: number, forecast: number, locale: Locale): string {
  const base = `${formatCount(fact, locale)} / ${formatCount(forecast, locale)}`;
  if (forecast <= 0) return base;
  return `${base} (${formatSignedPercent(fact / forecast - 1, locale)})`;
}

/** A calendar day `2020-12-14` as «14 дек.» / «14 Dec», for chart axes. */
export function formatShortDay(isoDay: string, locale: Locale): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** A calendar day `2020-12-14` as «14 декабря 2020 г.» / «14 December 2020», for tables. */
export function formatLongDay(isoDay: string, locale: Locale): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Axis labels: 30000 → «30 тыс.» / «30K»; small numbers stay whole. */
export function formatCompact(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A difference of rates in percentage points with a sign: 0.0123 → «+1,2» (ru) / «+1.2» (en). */
export function formatSignedPoints(difference: number, locale: Locale, digits = 1): string {
  if (!Number.isFinite(difference)) return '—';
  const points = difference * 100;
  const text = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    Math.abs(points),
  );
  const zero = Number(text.replace(',', '.')) === 0;
  return `${zero ? '' : points > 0 ? '+' : '−'}${text}`;
}
