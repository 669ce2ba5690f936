import type { ProjectConfig } from '../config/schema.ts';

export type Phase = 'teaser' | 'running' | 'closed';

/**
 * Where the project stands in its schedule. A date without a time means the whole day in the
 * project's time zone: a project that starts on 2020-12-14 opens at midnight Moscow time and one
 * that ends on 2021-01-31 stays open through that day.
 */
export function phaseOf(config: ProjectConfig, now: Date): Phase {
  const { startsAt, endsAt, timezone } = config.schedule;
  if (startsAt && now < instantOf(startsAt, timezone, 'start')) return 'teaser';
  if (endsAt && now > instantOf(endsAt, timezone, 'end')) return 'closed';
  return 'running';
}

export function instantOf(value: string, timeZone: string, edge: 'start' | 'end'): Date {
  if (value.includes('T')) return new Date(value);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const utcGuess = Date.UTC(year, month - 1, edge === 'start' ? day : day + 1);
  const local = utcGuess - offsetMs(new Date(utcGuess), timeZone);
  return new Date(edge === 'start' ? local : local - 1);
}

/** How far the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wallClock - Math.floor(instant.getTime() / 1000) * 1000;
}
