import { readFile } from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { giftFileFor } from '../../../gifts/index.ts';
import { earnedGift } from '../../../play/service.ts';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, HttpError } from '../../../server/http.ts';

/** The gift file, for players who completed. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: false });
    const gift = await earnedGift(play);
    if (gift.kind !== 'file') throw new HttpError(404, 'no-file', 'This project’s gift is not a file.');
    const file = giftFileFor(play.project, gift);
    if (!file) {
      console.error(`[rekindle] project ${play.project.slug}: gift file ${gift.path} is missing`);
      throw new HttpError(404, 'gift-file-missing', 'The gift file is missing on the server. Please try again later.');
    }
    return new Response(await readFile(file.path), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  });
