import { instantOf } from '../config/dates.ts';
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
