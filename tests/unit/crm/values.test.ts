import { describe, expect, it } from 'vitest';
import { dayInZone } from '../../../src/config/dates.ts';
import { parseAmount, parseInstant } from '../../../src/crm/values.ts';

describe('parseAmount', () => {
  it.each([
    ['12 345,50', 12345.5],
    ['12\u00A0345,5', 12345.5],
    ['12,345.50', 12345.5],
    ['1.234.567,89', 1234567.89],
    ['12345', 12345],
    ['1,5', 1.5],
    ['12 345 ₽', 12345],
    ['4990 руб.', 4990],
    ['-100', -100],
  ])('reads «%s» as %d', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each(['abc', '12,34,56', '1.2.3', '', '12 345,50 баллов'])('refuses «%s»', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});

describe('parseInstant', () => {
  it('reads a date without time as midnight in the project zone', () => {
    expect(parseInstant('2020-12-14', 'Europe/Moscow')?.toISOString()).toBe('2020-12-13T21:00:00.000Z');
    expect(parseInstant('14.12.2020', 'Europe/Moscow')?.toISOString()).toBe('2020-12-13T21:00:00.000Z');
  });

  it('reads wall-clock times in the zone and exact times as given', () => {
    expect(parseInstant('2020-12-20 14:05', 'Europe/Moscow')?.toISOString()).toBe('2020-12-20T11:05:00.000Z');
    expect(parseInstant('20.12.2020 14:05:30', 'Europe/Moscow')?.toISOString()).toBe('2020-12-20T11:05:30.000Z');
    expect(parseInstant('2020-12-20T14:05:00+05:00', 'Europe/Moscow')?.toISOString()).toBe('2020-12-20T09:05:00.000Z');
    expect(parseInstant('2020-12-20T14:05:00Z', 'Europe/Moscow')?.toISOString()).toBe('2020-12-20T14:05:00.000Z');
  });

  it('refuses impossible dates', () => {
    expect(parseInstant('2020-02-30', 'Europe/Moscow')).toBeUndefined();
    expect(parseInstant('31.04.2021', 'Europe/Moscow')).toBeUndefined();
    expect(parseInstant('yesterday', 'Europe/Moscow')).toBeUndefined();
  });

  it('names the calendar day in the zone', () => {
    expect(dayInZone(Date.parse('2020-12-13T21:30:00Z'), 'Europe/Moscow')).toBe('2020-12-14');
  });
});
