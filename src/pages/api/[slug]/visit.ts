import type { APIRoute } from 'astro';
import { isbot } from 'isbot';
import { z } from 'zod';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, readJson } from '../../../server/http.ts';
import { track } from '../../../play/service.ts';

const bodySchema = z.strictObject({
  /** Set when the page was opened from a share page. */
  share: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  /** The share page counts separately: its visitors have not opened the game yet. */
  page: z.enum(['project', 'share']).default('project'),
});

/**
 * A visit counts only when the page's script runs in a browser and calls this beacon: mail
 * scanners and link prefetchers GET every link of a campaign and must not count as people.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: true });
    const { share, page } = await readJson(context.request, bodySchema, 1024);
    if (!isbot(context.request.headers.get('user-agent') ?? '')) {
      await track(play, page === 'share' ? 'share-visit' : 'visit', share ? { share } : undefined);
    }
    return new Response(null, { status: 204 });
  });
