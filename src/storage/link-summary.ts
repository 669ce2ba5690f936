import type { LinkRecord, LinkTally, NamedLinks } from './types.ts';

export function isLinkTally(item: LinkRecord | LinkTally): item is LinkTally {
  return 'count' in item;
}

/** How many of the ascending `bounds` `spend` is at or above; undefined without a spend. */
export function spendBandOf(spend: number | undefined, bounds: readonly number[]): number | undefined {
  if (spend === undefined) return undefined;
  let band = 0;
  while (band < bounds.length && spend >= (bounds[band] ?? Number.POSITIVE_INFINITY)) band++;
  return band;
}

/**
 * `LinkStore.summarize` for a store that reads every link anyway (memory, local): one pass
 * handing named links on and counting the rest, so the tallies stay as few as their keys.
 */
export async function* summarizeByScan(links: AsyncIterable<LinkRecord>, named: NamedLinks): AsyncGenerator<LinkRecord | LinkTally> {
  const tallies = new Map<string, LinkTally>();
  for await (const link of links) {
    if (named.tokens.has(link.token) || named.customerIds.has(link.customerId)) {
      yield link;
      continue;
    }
    const spendBand = spendBandOf(link.spend, named.spendBounds);
    const key = `${link.group}\n${link.segment ?? '\u0000'}\n${spendBand ?? ''}\n${link.arm ?? '\u0000'}`;
    const tally = tallies.get(key);
    if (tally) tally.count++;
    else tallies.set(key, tallyOf(link, spendBand));
  }
  yield* tallies.values();
}

function tallyOf(link: LinkRecord, spendBand: number | undefined): LinkTally {
  const tally: LinkTally = { count: 1, group: link.group };
  if (link.segment !== undefined) tally.segment = link.segment;
  if (spendBand !== undefined) tally.spendBand = spendBand;
  if (link.arm !== undefined) tally.arm = link.arm;
  return tally;
}
