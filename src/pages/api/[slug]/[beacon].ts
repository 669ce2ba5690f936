import type { APIRoute } from 'astro';
import { recordBeacon } from '../../../server/beacon-handler.ts';
import { handleApi, readBodyText } from '../../../server/http.ts';

/**
 * The visit and share-click beacons. The production server answers them before Astro (see
 * src/server/node-server.ts); this route serves `astro dev` and any deployment that runs Astro's
 * own entry point, through the same handler.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    await recordBeacon({
      slug: context.params.slug ?? '',
      kind: context.params.beacon ?? '',
      origin: context.request.headers.get('origin'),
      fetchSite: context.request.headers.get('sec-fetch-site'),
      publicOrigin: context.locals.request.publicOrigin,
      cookie: (name) => context.cookies.get(name)?.value,
      userAgent: context.request.headers.get('user-agent') ?? '',
      readBody: (limit) => readBodyText(context.request, limit),
    });
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
