import { describe, expect, it } from 'vitest';
import { calendarWindowEnd, instantOf } from '../../../src/config/dates.ts';

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

describe('calendarWindowEnd', () => {
  const end = (start: string, days: number, zone: string) => new Date(calendarWindowEnd(Date.parse(start), days, zone)).toISOString();

  it('closes a 30-day window from 2020-12-14 in Moscow at midnight after 2021-01-12', () => {
    expect(end('2020-12-13T21:00:00Z', 30, 'Europe/Moscow')).toBe('2021-01-12T21:00:00.000Z');
  });

  it('is an hour short of 30 × 24 h across the spring change, and an hour longer across the autumn one', () => {
    // Berlin: clocks forward on 2021-03-28, back on 2021-10-31.
    expect(end('2021-03-14T23:00:00Z', 30, 'Europe/Berlin')).toBe('2021-04-13T22:00:00.000Z');
    // From 2021-10-15 00:00 CEST (10-14 22:00Z) to 2021-11-14 00:00 CET: 721 hours.
    expect(end('2021-10-14T22:00:00Z', 30, 'Europe/Berlin')).toBe('2021-11-13T23:00:00.000Z');
  });

  it('counts the opening day as day 1 whatever the hour, in the zone’s own calendar', () => {
    // 2021-03-20 18:00 Berlin (17:00Z) → the 30th day is 2021-04-18, ending at 22:00Z (CEST).
    expect(end('2021-03-20T17:00:00Z', 30, 'Europe/Berlin')).toBe('2021-04-18T22:00:00.000Z');
    // 23:30Z on 03-20 is already 03-21 in Berlin (CET): day 1 is the 21st, which ends at 23:00Z.
    expect(end('2021-03-20T23:30:00Z', 1, 'Europe/Berlin')).toBe('2021-03-21T23:00:00.000Z');
  });

  it('ends a window on the day of a change at that day’s real midnight', () => {
    // A one-day window on 2021-03-27 in Berlin ends at 00:00 CET on the 28th, before the 02:00 change.
    expect(end('2021-03-26T23:00:00Z', 1, 'Europe/Berlin')).toBe('2021-03-27T23:00:00.000Z');
    // New York, clocks forward on 2021-03-14 at 02:00: the 14th starts at 05:00Z, the 15th at 04:00Z.
    expect(end('2021-03-14T05:00:00Z', 1, 'America/New_York')).toBe('2021-03-15T04:00:00.000Z');
  });
});
