import type { APIRoute } from 'astro';
import { apiRequestOfAstro } from '../../../server/api-request.ts';
import { recordBeacon } from '../../../server/beacon-handler.ts';
import { handleApi } from '../../../server/http.ts';

/**
 * The visit and share-click beacons. The production server answers them before Astro (see
 * src/server/node-server.ts); this route serves `astro dev` and any deployment that runs Astro's
 * own entry point, through the same handler.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    await recordBeacon({ ...apiRequestOfAstro(context), kind: context.params.beacon ?? '' });
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
