import type { APIRoute } from 'astro';
import { z } from 'zod';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, readJson } from '../../../server/http.ts';
import { track } from '../../../play/service.ts';
import { SHARE_CLICK_NETWORKS } from '../../../share/networks.ts';

const bodySchema = z.strictObject({
  type: z.literal('share-click'),
  network: z.enum(SHARE_CLICK_NETWORKS),
  share: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});

export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    const event = await readJson(context.request, bodySchema, 1024);
    await track(play, 'share-click', event.share ? { network: event.network, share: event.share } : { network: event.network });
    return new Response(null, { status: 204 });
  });
