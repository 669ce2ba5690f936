import { instantOf } from '../config/dates.ts';
import type { ProjectConfig } from '../config/schema.ts';

export type Phase = 'teaser' | 'running' | 'closed';

interface ScheduleInstants {
  startsAt?: number;
  endsAt?: number;
}

/**
 * Each config's start and end instants, computed once: every page and every API call asks for
 * the phase, and each instant costs a time-zone conversion. A config is never changed in place
 * (an edit loads a new one), so its own object is the key.
 */
const instantsOfConfig = new WeakMap<ProjectConfig['schedule'], ScheduleInstants>();

/** The instants the schedule's dates stand for, in milliseconds. */
export function scheduleInstants(schedule: ProjectConfig['schedule']): ScheduleInstants {
  let instants = instantsOfConfig.get(schedule);
  if (!instants) {
    const { startsAt, endsAt, timezone } = schedule;
    instants = {
      startsAt: startsAt === undefined ? undefined : instantOf(startsAt, timezone, 'start').getTime(),
      endsAt: endsAt === undefined ? undefined : instantOf(endsAt, timezone, 'end').getTime(),
    };
    instantsOfConfig.set(schedule, instants);
  }
  return instants;
}

/**
 * Where the project stands in its schedule. A date without a time means the whole day in the
 * project's time zone: a project that starts on 2020-12-14 opens at midnight Moscow time and one
 * that ends on 2021-01-31 stays open through that day.
 */
export function phaseOf(config: ProjectConfig, now: Date): Phase {
  const { startsAt, endsAt } = scheduleInstants(config.schedule);
  if (startsAt !== undefined && now.getTime() < startsAt) return 'teaser';
  if (endsAt !== undefined && now.getTime() > endsAt) return 'closed';
  return 'running';
}
