import type { AudienceGroup, SegmentLinks } from './types.ts';

/** Counts one more link of `segment` in `counts`. */
export function addToSegmentCounts(counts: Map<string, SegmentLinks>, segment: string, group: AudienceGroup): void {
  const count = counts.get(segment) ?? { total: 0, control: 0 };
  count.total++;
  if (group === 'control') count.control++;
  counts.set(segment, count);
}
