import { cyrb53 } from '../lib/cyrb53.ts';
import type { SegmentLinks } from '../storage/types.ts';
import type { Newcomers } from './control.ts';

/**
 * A/B arm assignment, the control group's twin (control.ts): a customer's place is a hash of
 * project and customer id, so the same file always splits the same way; the split is even
 * within each segment, counting the arms' links from earlier files, so a second file keeps
 * the shares; a link never changes arm. Only target customers get an arm: the control group is
 * held out first, and every arm is compared with it.
 */

/** A customer's fixed place in the arm draw, independent of the control draw (another key). */
export function armDraw(project: string, customerId: string): number {
  return cyrb53(`${project}\u0000arm\u0000${customerId}`);
}

/**
 * The arm (index into `arms`) of each target newcomer, in their order. Within a segment, arm k
 * should hold ⌊T/K⌋ of its T armed links, the first T mod K arms one more; each arm is topped up
 * to that from the newcomers in draw order. An arm already over its share (links of earlier
 * files) gets none, and the ones listed first are filled first.
 */
export function assignArms(options: {
  project: string;
  arms: readonly string[];
  newcomers: Newcomers;
  existing: ReadonlyMap<string, SegmentLinks>;
}): Uint8Array {
  const { project, arms, newcomers, existing } = options;
  const assigned = new Uint8Array(newcomers.size);
  for (const [segment, members] of membersBySegment(newcomers)) {
    const before = arms.map((arm) => existing.get(segment)?.arms?.[arm] ?? 0);
    const total = before.reduce((sum, count) => sum + count, 0) + members.length;
    const needs = before.map((count, arm) => Math.max(0, Math.floor(total / arms.length) + (arm < total % arms.length ? 1 : 0) - count));
    const ordered = inDrawOrder(project, newcomers, members);
    let next = 0;
    needs.forEach((need, arm) => {
      for (const end = Math.min(next + need, ordered.length); next < end; next++) assigned[ordered[next] ?? 0] = arm;
    });
  }
  return assigned;
}

function membersBySegment(newcomers: Newcomers): Map<string, number[]> {
  const bySegment = new Map<string, number[]>();
  for (let index = 0; index < newcomers.size; index++) {
    const segment = newcomers.segmentAt(index);
    const members = bySegment.get(segment);
    if (members) members.push(index);
    else bySegment.set(segment, [index]);
  }
  return bySegment;
}

/** Members by their arm draw; ties (astronomically rare) by customer id, so file order never matters. */
function inDrawOrder(project: string, newcomers: Newcomers, members: number[]): number[] {
  const draws = new Map(members.map((index) => [index, armDraw(project, newcomers.customerIdAt(index))]));
  const idOf = (index: number) => newcomers.customerIdAt(index);
  return members.sort((a, b) => (draws.get(a) ?? 0) - (draws.get(b) ?? 0) || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}
