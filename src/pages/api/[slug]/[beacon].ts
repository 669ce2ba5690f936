import type { APIRoute } from 'astro';
import { z } from 'zod';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, HttpError, readJson } from '../../../server/http.ts';
import { BEACON_BODY_LIMIT, beaconEvent, isBeaconKind } from '../../../tracking/beacons.ts';

/**
 * The visit and share-click beacons. The production server answers them before Astro (see
 * src/server/node-server.ts) because ingestion must be cheap; this route serves `astro dev`
 * and any deployment that runs Astro's own entry point, with the same rules.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const kind = context.params.beacon ?? '';
    if (!isBeaconKind(kind)) throw new HttpError(404, 'not-found', 'There is no such endpoint.');
    const play = await playerRequest(context, { changesState: true });
    const body = await readJson(context.request, z.unknown(), BEACON_BODY_LIMIT);
    const event = beaconEvent(kind, body, {
      project: play.project.slug,
      player: play.player.key,
      userAgent: context.request.headers.get('user-agent') ?? '',
      at: play.now,
    });
    if (event) await play.storage.events.append(event);
    return new Response(null, { status: 204 });
  });
