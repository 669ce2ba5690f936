import { emptySlice, pointSliceAtText, sliceText } from '../lib/utf8-slice.ts';
import type { AudienceGroup, LinkBatch, LinkRecord, LinkTextField, SegmentLinks } from './types.ts';

/** An array of records read as a batch; text is encoded as it is asked for, which suits the small arrays that come this way. */
export function linkBatchOf(records: readonly LinkRecord[]): LinkBatch {
  const recordAt = (index: number) => records[index] as LinkRecord;
  return {
    size: records.length,
    textAt: (field, index, slice) => pointSliceAtText(slice, recordAt(index)[field]),
    groupAt: (index) => recordAt(index).group,
    armAt: (index) => recordAt(index).arm,
    spendAt: (index) => recordAt(index).spend,
    importedAtOf: (index) => recordAt(index).importedAt,
  };
}

/** Link `index` of a batch as a record, for a store that keeps records. */
export function linkRecordAt(project: string, batch: LinkBatch, index: number): LinkRecord {
  const slice = emptySlice();
  const text = (field: LinkTextField) => (batch.textAt(field, index, slice) ? sliceText(slice) : undefined);
  const link: LinkRecord = {
    project,
    token: text('token') ?? '',
    customerId: text('customerId') ?? '',
    group: batch.groupAt(index),
    importedAt: batch.importedAtOf(index),
  };
  const name = text('name');
  const segment = text('segment');
  const spend = batch.spendAt(index);
  const arm = batch.armAt?.(index);
  if (name !== undefined) link.name = name;
  if (arm !== undefined) link.arm = arm;
  if (segment !== undefined) link.segment = segment;
  if (spend !== undefined) link.spend = spend;
  return link;
}

/** Moves one link from its old segment's counts to its new one's, with its A/B arm. */
export function moveInSegmentCounts(counts: Map<string, SegmentLinks>, from: string, to: string, group: AudienceGroup, arm?: string | null): void {
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

/** Counts one more link of `segment` (and of its A/B arm, if any) in `counts`. */
export function addToSegmentCounts(counts: Map<string, SegmentLinks>, segment: string, group: AudienceGroup, arm?: string | null): void {
  const count = counts.get(segment) ?? { total: 0, control: 0 };
  count.total++;
  if (group === 'control') count.control++;
  if (arm != null) (count.arms ??= {})[arm] = (count.arms[arm] ?? 0) + 1;
  counts.set(segment, count);
}
