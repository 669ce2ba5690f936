/**
 * Dates in a project's time zone. Config dates without a time (`startsAt: 2020-12-14`) and CSV
 * dates without an offset mean wall-clock time where the campaign runs, so every module that reads
 * them goes through here.
 */

/**
 * The instant a config date stands for. A date without a time means the whole day in the
 * project's time zone: `start` is its first millisecond, `end` its last.
 */
export function instantOf(value: string, timeZone: string, edge: 'start' | 'end'): Date {
  if (value.includes('T')) return new Date(value);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const utcGuess = Date.UTC(year, month - 1, edge === 'start' ? day : day + 1);
  const local = zonedToUtc(utcGuess, timeZone);
  return new Date(edge === 'start' ? local : local - 1);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `instantMs`. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instantMs));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wallClock - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant of a wall-clock time (given as if it were UTC) in `timeZone`. */
export function zonedToUtc(wallClockAsUtc: number, timeZone: string): number {
  const firstGuess = wallClockAsUtc - zoneOffsetMs(wallClockAsUtc, timeZone);
  // A second pass settles times near a DST change, where the offset differs at the guess.
  return wallClockAsUtc - zoneOffsetMs(firstGuess, timeZone);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`2020-12-14`) of an instant in `timeZone`, for daily series. */
export function dayInZone(instantMs: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(instantMs));
}

/**
 * The end (exclusive) of a window of `days` calendar days in `timeZone` that opens at
 * `startMs`: local midnight after the last of them, the opening day counting as day 1. So a
 * 30-day window from 2021-03-15 in Berlin ends at 2021-04-14 00:00 CEST, 30 days but one hour
 * short of 720 hours because the clocks went forward; a window opened at 18:00 runs to the end
 * of its 30th calendar day too, so every customer's window closes at a midnight the CRM team
 * can name.
 */
export function calendarWindowEnd(startMs: number, days: number, timeZone: string): number {
  const [year, month, day] = dayInZone(startMs, timeZone).split('-').map(Number) as [number, number, number];
  return zonedToUtc(Date.UTC(year, month - 1, day + days), timeZone);
}
