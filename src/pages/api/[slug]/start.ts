import type { APIRoute } from 'astro';
import { z } from 'zod';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, json, readJson } from '../../../server/http.ts';
import { startPlay } from '../../../play/service.ts';
import { getStorage } from '../../../storage/index.ts';

const bodySchema = z.strictObject({
  /** The share page the player came from, for the viral-loop report. */
  referredBy: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});

export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    const { referredBy } = await readJson(context.request, bodySchema);
    const share = referredBy ? await (await getStorage()).shares.get(referredBy) : undefined;
    const validReferral = share && share.project === play.project.slug && share.player !== play.player.key;
    return json(await startPlay(play, validReferral ? share.id : undefined));
  });
