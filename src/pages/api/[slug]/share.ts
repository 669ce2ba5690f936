import type { APIRoute } from 'astro';
import { nanoid } from 'nanoid';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, HttpError, json } from '../../../server/http.ts';
import { playStatus, track } from '../../../play/service.ts';

/**
 * Turns the player's finished result into a public share. The share id is its own nanoid, so a
 * share URL reveals nothing of the player's token or customer record; the content is frozen from
 * the server's summary, never taken from the request.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    const status = await playStatus(play);
    if (!status.completed || !status.summary) {
      throw new HttpError(403, 'not-completed', 'Finish the game first: there is no result to share yet.');
    }
    const id = nanoid();
    await play.storage.shares.create({
      id,
      project: play.project.slug,
      player: play.player.key,
      content: { ...status.summary },
      createdAt: play.now.toISOString(),
    });
    await track(play, 'share-create', { share: id });
    const url = new URL(`/s/${id}`, context.url).toString();
    return json({ id, url, imageUrl: `${url}/og.png`, storyUrl: `${url}/story.png` }, 201);
  });
