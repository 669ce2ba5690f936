import type { APIRoute } from 'astro';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, json } from '../../../server/http.ts';
import { claimGift } from '../../../play/service.ts';

/**
 * GET would be the natural verb, but opening a gift claims a promo code: a prefetcher must not
 * be able to do that, so it is a same-origin POST.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    return json(await claimGift(play));
  });
