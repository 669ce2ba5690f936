import { describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/config/dates.ts';

describe('instantOf', () => {
  it('opens a date-only start at midnight in the project time zone', () => {
    expect(instantOf('2020-12-14', 'Europe/Moscow', 'start').toISOString()).toBe('2020-12-13T21:00:00.000Z');
  });

  it('keeps a date-only end open through the whole last day', () => {
    expect(instantOf('2021-01-31', 'Europe/Moscow', 'end').toISOString()).toBe('2021-01-31T20:59:59.999Z');
  });

  it('follows daylight saving time where the zone has it', () => {
    expect(instantOf('2021-07-01', 'Europe/Berlin', 'start').toISOString()).toBe('2021-06-30T22:00:00.000Z');
    expect(instantOf('2021-01-01', 'Europe/Berlin', 'start').toISOString()).toBe('2020-12-31T23:00:00.000Z');
  });

  it('takes a date-time with an offset as it is', () => {
    expect(instantOf('2020-12-14T10:00:00+03:00', 'Asia/Tokyo', 'start').toISOString()).toBe('2020-12-14T07:00:00.000Z');
  });
});
