import type { AudienceGroup, SegmentLinks } from './types.ts';

/** Counts one more link of `segment` (and of its A/B arm, if any) in `counts`. */
export function addToSegmentCounts(counts: Map<string, SegmentLinks>, segment: string, group: AudienceGroup, arm?: string | null): void {
  const count = counts.get(segment) ?? { total: 0, control: 0 };
  count.total++;
  if (group === 'control') count.control++;
  if (arm != null) (count.arms ??= {})[arm] = (count.arms[arm] ?? 0) + 1;
  counts.set(segment, count);
}
