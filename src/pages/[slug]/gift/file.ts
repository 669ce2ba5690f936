import { readFile } from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { giftFileFor, giftFor } from '../../../gifts/index.ts';
import { playerRequest } from '../../../server/api.ts';
import { customerLink } from '../../../server/player.ts';
import { handleApi, HttpError } from '../../../server/http.ts';
import { hasCompleted } from '../../../play/service.ts';

export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: false });
    if (!(await hasCompleted(play))) {
      throw new HttpError(403, 'not-completed', 'The gift unlocks when the game is completed.');
    }
    const gift = giftFor(play.project.config, await customerLink(play.project.slug, play.player, play.storage));
    if (gift.kind !== 'file') throw new HttpError(404, 'no-file', 'This project’s gift is not a file.');
    const file = giftFileFor(play.project, gift);
    if (!file) {
      console.error(`[rekindle] project ${play.project.slug}: gift file ${gift.path} is missing`);
      throw new HttpError(404, 'gift-file-missing', 'The gift file is missing on the server. Please try again later.');
    }
    const body = await readFile(file.path);
    return new Response(body, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  });
