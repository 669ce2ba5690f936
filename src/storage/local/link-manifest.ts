import { emptySlice, sliceText } from '../../lib/utf8-slice.ts';
import { addToSegmentCounts } from '../segment-counts.ts';
import type { SegmentLinks } from '../types.ts';
import type { LinkBatch } from './link-batch.ts';
import { LINK_SHARDS, packFileName, shardFileName, type ShardPlace } from './link-shards.ts';

/**
 * `manifest.json` of a project's links folder: where every shard's current JSON is. It is
 * replaced atomically, so an import switches every shard it touched at once or none. Pack and
 * shard files are never rewritten in place: a new generation is a new file, so a parsed shard
 * can be cached by its place.
 */
export interface LinkManifest {
  generation: number;
  count: number;
  tokenShards: ShardPlace[];
  customerShards: ShardPlace[];
  /** The size in bytes of each pack file by generation (absent in manifests written before packs). */
  packs?: Record<string, number>;
  /** Links per segment ('' for none), their control counts and arm counts (absent in manifests written before them). */
  segments?: Record<string, SegmentLinks>;
}

export function emptyManifest(): LinkManifest {
  return {
    generation: 0,
    count: 0,
    tokenShards: Array.from({ length: LINK_SHARDS }, () => 0),
    customerShards: Array.from({ length: LINK_SHARDS }, () => 0),
    packs: {},
    segments: {},
  };
}

/** The manifest an import fills in: the same shards, a new generation; its counts per segment come once the import knows them. */
export function nextManifest(base: LinkManifest): LinkManifest {
  return {
    generation: base.generation + 1,
    count: base.count,
    tokenShards: [...base.tokenShards],
    customerShards: [...base.customerShards],
    packs: { ...base.packs },
  };
}

/** The counts per segment with the batch's accepted links (1 in `isAccepted`) added, as a manifest keeps them. */
export function withNewLinks(counts: Map<string, SegmentLinks>, links: LinkBatch, isAccepted: Uint8Array): Record<string, SegmentLinks> {
  const slice = emptySlice();
  isAccepted.forEach((flag, index) => {
    if (flag === 1) {
      addToSegmentCounts(counts, links.textAt('segment', index, slice) ? sliceText(slice) : '', links.groupAt(index), links.armAt?.(index));
    }
  });
  return Object.fromEntries(counts);
}

/** The names of the files holding the manifest's shards: packs, and shard files written before packs. */
export function referencedFiles(manifest: LinkManifest): Set<string> {
  const names = new Set<string>();
  for (const [kind, places] of [
    ['t', manifest.tokenShards],
    ['c', manifest.customerShards],
  ] as const) {
    places.forEach((place, shard) => {
      if (typeof place !== 'number') names.add(packFileName(place[0]));
      else if (place !== 0) names.add(shardFileName(kind, shard, place));
    });
  }
  return names;
}

/** Bytes of each pack that belong to current shards. */
function liveBytes(manifest: LinkManifest): Map<number, number> {
  const live = new Map<number, number>();
  for (const place of [...manifest.tokenShards, ...manifest.customerShards]) {
    if (typeof place !== 'number') live.set(place[0], (live.get(place[0]) ?? 0) + place[2]);
  }
  return live;
}

/** Generations of the packs of which more than half the bytes belong to superseded shards. */
export function sparsePacks(manifest: LinkManifest): Set<number> {
  const sparse = new Set<number>();
  for (const [generation, bytes] of liveBytes(manifest)) {
    if (bytes * 2 < (manifest.packs?.[generation] ?? 0)) sparse.add(generation);
  }
  return sparse;
}

/** Records a written pack's size, and forgets the sizes of packs that no shard is in any more. */
export function recordPack(manifest: LinkManifest, generation: number, size: number): void {
  const live = liveBytes(manifest);
  const sizes: [string, number][] = [...Object.entries(manifest.packs ?? {}), [String(generation), size]];
  manifest.packs = Object.fromEntries(sizes.filter(([each]) => live.has(Number(each))));
}
