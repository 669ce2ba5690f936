import type { APIRoute } from 'astro';
import { z } from 'zod';
import { jumpTo } from '../../../play/preview.ts';
import { playStatus } from '../../../play/service.ts';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, HttpError, json, readJson } from '../../../server/http.ts';

const bodySchema = z.strictObject({
  /** Index into the mechanic's preview plays (see previewJumps). */
  jump: z.number().int().nonnegative().max(1000),
});

/** Preview only: puts the preview player at a step or result. A real player gets a 403. */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    if (!play.preview) throw new HttpError(403, 'not-preview', 'Jumping is for previews: open the preview link from the dashboard.');
    const { jump } = await readJson(context.request, bodySchema);
    await jumpTo(play.project, play.player, jump, play.now);
    return json(await playStatus(play));
  });
