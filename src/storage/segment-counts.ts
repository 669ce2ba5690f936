import type { AudienceGroup, SegmentLinks } from './types.ts';

/** Counts one more link of `segment` (and of its A/B arm, if any) in `counts`. */
export function addToSegmentCounts(counts: Map<string, SegmentLinks>, segment: string, group: AudienceGroup, arm?: string | null): void {
  const count = counts.get(segment) ?? { total: 0, control: 0 };
  count.total++;
  if (group === 'control') count.control++;
  if (arm != null) (count.arms ??= {})[arm] = (count.arms[arm] ?? 0) + 1;
  counts.set(segment, count);
}

/** Moves one link from its old segment's counts to its new one's, with its A/B arm. */
export function moveInSegmentCounts(
  counts: Map<string, SegmentLinks>,
  from: string,
  to: string,
  group: AudienceGroup,
  arm?: string | null,
): void {
  if (from === to) return;
  const old = counts.get(from);
  if (old) {
    old.total--;
    if (group === 'control') old.control--;
    if (arm != null && old.arms?.[arm] !== undefined) old.arms[arm] -= 1;
    if (old.total === 0) counts.delete(from);
  }
  addToSegmentCounts(counts, to, group, arm);
}
