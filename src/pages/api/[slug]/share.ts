import type { APIRoute } from 'astro';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, json } from '../../../server/http.ts';
import { shareResult } from '../../../play/service.ts';

/** Turns the player's finished result into a public share at `/s/<id>`. */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const id = await shareResult(await playerRequest(context, { changesState: true }));
    const url = new URL(`/s/${id}`, context.locals.request.publicOrigin).toString();
    return json({ id, url, imageUrl: `${url}/og.png` }, 201);
  });
