import type { APIRoute } from 'astro';
import { z } from 'zod';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, json, readJson } from '../../../server/http.ts';
import { startPlay } from '../../../play/service.ts';
import { SHARE_ID_PATTERN } from '../../../share/share-id.ts';

const bodySchema = z.strictObject({
  /** The share page the player came from, for the viral-loop report. */
  referredBy: z.string().regex(SHARE_ID_PATTERN).optional(),
});

export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    const { referredBy } = await readJson(context.request, bodySchema);
    return json(await startPlay(play, referredBy));
  });
