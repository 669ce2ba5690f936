import { isbot } from 'isbot';
import { z } from 'zod';
import { HttpError } from '../server/http.ts';
import { SHARE_CLICK_NETWORKS } from '../share/networks.ts';
import { SHARE_ID_PATTERN } from '../share/share-id.ts';
import type { PlayerKey, TrackedEvent } from '../storage/types.ts';

/** Beacon bodies are tiny; anything bigger is not one of ours. */
export const BEACON_BODY_LIMIT = 1024;

const shareId = z.string().regex(SHARE_ID_PATTERN);

const beaconSchemas = {
  visit: z.strictObject({
    /** Set when the page was opened from a share page. */
    share: shareId.optional(),
    /** The share page counts separately: its visitors have not opened the game yet. */
    page: z.enum(['project', 'share']).default('project'),
  }),
  track: z.strictObject({
    type: z.literal('share-click'),
    network: z.enum(SHARE_CLICK_NETWORKS),
    share: shareId.optional(),
  }),
};

export type BeaconKind = keyof typeof beaconSchemas;

export function isBeaconKind(value: string): value is BeaconKind {
  return Object.hasOwn(beaconSchemas, value);
}

/**
 * The event a beacon records, or undefined when it must not count: a visit counts only when the
 * page's script runs in a browser, so bots that run scripts are dropped here, and mail scanners
 * that only GET links never reach this at all. Throws a 400 for a body that is not a beacon.
 */
export function beaconEvent(
  kind: BeaconKind,
  body: unknown,
  source: { project: string; player: PlayerKey; userAgent: string; at: Date },
): TrackedEvent | undefined {
  const event = { project: source.project, player: source.player, at: source.at.toISOString() };
  if (kind === 'visit') {
    const visit = parse(beaconSchemas.visit, body);
    if (isbot(source.userAgent)) return undefined;
    return { ...event, type: visit.page === 'share' ? 'share-visit' : 'visit', data: visit.share ? { share: visit.share } : undefined };
  }
  const click = parse(beaconSchemas.track, body);
  return { ...event, type: 'share-click', data: click.share ? { network: click.network, share: click.share } : { network: click.network } };
}

function parse<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, 'invalid-beacon', 'The request body is not a beacon this endpoint takes.');
  return result.data;
}
