import type { APIRoute } from 'astro';
import { z } from 'zod';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, json, readJson } from '../../../server/http.ts';
import { applyAction, playStatus } from '../../../play/service.ts';

/** The action's own shape is the mechanic's business; here it only has to be a small object. */
const bodySchema = z.strictObject({ action: z.record(z.string().max(32), z.unknown()) });

export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    const { action } = await readJson(context.request, bodySchema, 4 * 1024);
    return json(await applyAction(play, action));
  });

export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: false });
    return json(await playStatus(play));
  });
