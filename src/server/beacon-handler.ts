import { getStorage } from '../storage/index.ts';
import { BEACON_BODY_LIMIT, beaconEvent, isBeaconKind } from '../tracking/beacons.ts';
import type { ApiRequest } from './api-request.ts';
import { assertSameOriginHeaders, HttpError, parseJson } from './http.ts';
import { cookieName, playerFromCookie } from './player.ts';
import { requireProject } from './projects.ts';
import { eventAckSeconds } from './metrics.ts';

/** A beacon as both of its routes see it: the node-server fast path and the Astro route. */
export type BeaconRequest = ApiRequest & { kind: string };

/**
 * Records a visit or share-click beacon: same-origin, a known project, a signed player cookie, a
 * validated body; it returns only after the event is on disk. The one set of rules for both
 * routes, so they cannot drift apart (they once answered a broken project with 404 and 503).
 */
export async function recordBeacon(request: BeaconRequest): Promise<void> {
  if (!isBeaconKind(request.kind)) throw new HttpError(404, 'not-found', 'There is no such endpoint.');
  assertSameOriginHeaders(request.origin, request.fetchSite, request.publicOrigin);
  const project = await requireProject(request.slug);
  const player = playerFromCookie(request.cookie(cookieName(project.slug)));
  if (!player) throw new HttpError(401, 'no-player', 'Open the project page first: it identifies you for the game.');
  const body = parseJson(await request.readBody(BEACON_BODY_LIMIT));
  const event = beaconEvent(request.kind, body, {
    project: project.slug,
    player: player.key,
    userAgent: request.userAgent,
    at: new Date(),
  });
  if (!event) return;
  const stopTimer = eventAckSeconds.startTimer();
  await (await getStorage()).events.append(event);
  stopTimer();
}
