import { grown, TextColumn } from '../../lib/text-column.ts';
import { emptySlice, pointSlice, sliceText, type Utf8Slice } from '../../lib/utf8-slice.ts';
import type { AudienceGroup, LinkRecord, LinkSource } from '../types.ts';

/** The text fields of a link, which a LinkBatch hands out as UTF-8. */
export type LinkTextField = 'token' | 'customerId' | 'name' | 'segment';

/**
 * Links to add, read by position and field: the local store writes a million of them out a
 * shard at a time, several passes over the batch, without a LinkRecord or a string per link.
 */
export interface LinkBatch {
  readonly size: number;
  /** Points `slice` at the field's UTF-8 bytes; false, pointing at nothing, when the link has no such field. */
  textAt(field: LinkTextField, index: number, slice: Utf8Slice): boolean;
  groupAt(index: number): AudienceGroup;
  /** The link's A/B arm, if it has one. */
  armAt(index: number): string | undefined;
  spendAt(index: number): number | undefined;
  importedAtOf(index: number): string;
}

const HAS_NAME = 1;
const HAS_SEGMENT = 2;

/**
 * Reads records into compact columns (text as UTF-8, numbers in typed arrays) as they come, so
 * a million-link import holds its text bytes, not a million objects. Refuses a record of
 * another project with the same message as every store, naming its position.
 */
export async function collectLinkBatch(project: string, links: LinkSource): Promise<LinkBatch> {
  const text = { token: new TextColumn(), customerId: new TextColumn(), name: new TextColumn(), segment: new TextColumn() };
  let present = new Uint8Array(1024);
  let groups = new Uint8Array(1024);
  let spends = new Float64Array(1024);
  const importedAt: string[] = [];
  /** Most links share one of a few arms (or none), so a sparse array of names costs little. */
  const arms: (string | undefined)[] = [];
  let size = 0;
  for await (const link of links) {
    if (link.project !== project) {
      throw new Error(`links.add(${project}): record [${size}] has project "${link.project}"; expected "${project}". Nothing was added`);
    }
    if (size === groups.length) {
      present = grown(present, size * 2);
      groups = grown(groups, size * 2);
      spends = grown(spends, size * 2);
    }
    text.token.push(link.token);
    text.customerId.push(link.customerId);
    text.name.push(link.name);
    text.segment.push(link.segment);
    present[size] = (link.name === undefined ? 0 : HAS_NAME) | (link.segment === undefined ? 0 : HAS_SEGMENT);
    groups[size] = link.group === 'control' ? 1 : 0;
    spends[size] = link.spend ?? Number.NaN;
    importedAt.push(link.importedAt);
    arms.push(link.arm);
    size++;
  }
  const flagOf = (field: LinkTextField) => (field === 'name' ? HAS_NAME : field === 'segment' ? HAS_SEGMENT : 0);
  return {
    size,
    textAt(field, index, slice) {
      const flag = flagOf(field);
      if (flag !== 0 && ((present[index] ?? 0) & flag) === 0) return pointSlice(slice, EMPTY, 0, 0);
      text[field].locate(index, slice);
      // An empty name is still a name: present, zero bytes.
      return flag === 0 ? slice.end > slice.start : true;
    },
    groupAt: (index) => (groups[index] === 1 ? 'control' : 'target'),
    armAt: (index) => arms[index],
    spendAt: (index) => {
      const spend = spends[index] ?? Number.NaN;
      return Number.isNaN(spend) ? undefined : spend;
    },
    importedAtOf: (index) => importedAt[index] ?? '',
  };
}

const EMPTY = new Uint8Array(0);

/** Link `index` of a batch as a record. */
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
  const arm = batch.armAt(index);
  if (name !== undefined) link.name = name;
  if (arm !== undefined) link.arm = arm;
  if (segment !== undefined) link.segment = segment;
  if (spend !== undefined) link.spend = spend;
  return link;
}
