/**
 * Reading the numbers and dates CRM exports are written in: Russian Excel writes «12 345,50»,
 * English exports «12,345.50», both may add a currency sign.
 */

import { zonedToUtc } from '../config/dates.ts';

const CURRENCY = /(?:₽|руб\.?|р\.|rub|rur|\$|€)/giu;
const GROUP_SPACES = /[\s\u00A0\u202F']/g;
const PLAIN_NUMBER = /^\d+(?:\.\d{1,2})?$/;
/** «12 345,50» as Russian Excel writes it: space-grouped thousands, a decimal comma. */
const RUSSIAN_NUMBER = /^(\d{1,3}(?:[ \u00A0]\d{3})+|\d+)(?:,(\d{1,2}))?$/;

/**
 * A money amount, or undefined when the text is not one. The last `,` or `.` followed by one or
 * two digits is the decimal separator; `,`/`.` followed by groups of three digits are thousands.
 */
export function parseAmount(text: string): number | undefined {
  // Most cells are plain or Russian-style numbers; they skip the clean-up below, which costs seconds per million.
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const russian = RUSSIAN_NUMBER.exec(text);
  if (russian) return Number(`${(russian[1] ?? '').replace(GROUP_SPACES, '')}.${russian[2] ?? '0'}`);
  let compact = text.replace(CURRENCY, '').replace(GROUP_SPACES, '');
  const negative = compact.startsWith('-') || compact.startsWith('−');
  if (negative) compact = compact.slice(1);
  if (!/^\d[\d.,]*$/.test(compact)) return undefined;
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = decimal ? compact.slice(0, decimal.index) : compact;
  if (!/^\d+$/.test(whole) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return undefined;
  const value = Number(`${whole.replace(/[.,]/g, '')}.${decimal?.[1] ?? '0'}`);
  return negative ? -value : value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const RUSSIAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The instant a CRM export means by a date. Times with an offset are exact; a date or a time
 * without one is wall-clock time in the project's zone (a date alone means its midnight).
 * Accepts `2020-12-14`, `2020-12-14 10:30[:00]`, ISO with `Z`/offset, and `14.12.2020[ 10:30]`.
 */
export function parseInstant(text: string, timeZone: string): Date | undefined {
  const value = text.trim();
  if (WITH_OFFSET.test(value)) {
    const date = new Date(value.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const parts = wallClockParts(value);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  return new Date(zonedToUtc(asUtc, timeZone));
}

type WallClock = [number, number, number, number, number, number];

function wallClockParts(value: string): WallClock | undefined {
  const iso = ISO_DATE.exec(value) ?? LOCAL_DATE_TIME.exec(value);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
  const russian = RUSSIAN_DATE.exec(value);
  if (russian) {
    return [
      Number(russian[3]),
      Number(russian[2]),
      Number(russian[1]),
      Number(russian[4] ?? 0),
      Number(russian[5] ?? 0),
      Number(russian[6] ?? 0),
    ];
  }
  return undefined;
}
