import { describe, expect, it } from 'vitest';
import { INGEST_DEFECT, INGEST_GOAL, verdictOf } from '../../../bench/http-ingest.ts';

describe('verdictOf', () => {
  it('meets the goal at 10 000 events/s with p99 under 10 ms', () => {
    expect(verdictOf({ perSecond: INGEST_GOAL.eventsPerSecond, p99: 9.9 })).toBe('meets the goal');
    expect(verdictOf({ perSecond: INGEST_GOAL.eventsPerSecond, p99: INGEST_GOAL.p99Ms })).toBe('below the goal');
    expect(verdictOf({ perSecond: 9_999, p99: 2 })).toBe('below the goal');
  });

  it('calls under 2 000 events/s or over 50 ms p99 a defect, whichever the other figure is', () => {
    expect(verdictOf({ perSecond: INGEST_DEFECT.eventsPerSecond - 1, p99: 1 })).toBe('defect');
    expect(verdictOf({ perSecond: 20_000, p99: INGEST_DEFECT.p99Ms + 0.1 })).toBe('defect');
    expect(verdictOf({ perSecond: INGEST_DEFECT.eventsPerSecond, p99: INGEST_DEFECT.p99Ms })).toBe('below the goal');
  });
});
