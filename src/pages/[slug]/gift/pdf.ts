import type { APIRoute } from 'astro';
import { bookletPdf, giftFor } from '../../../gifts/index.ts';
import { playerRequest } from '../../../server/api.ts';
import { customerLink } from '../../../server/player.ts';
import { handleApi, HttpError } from '../../../server/http.ts';
import { hasCompleted } from '../../../play/service.ts';

/** The booklet as a PDF, for players who completed: the same completion check as the gift API. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: false });
    if (!(await hasCompleted(play))) {
      throw new HttpError(403, 'not-completed', 'The gift unlocks when the game is completed.');
    }
    const gift = giftFor(play.project.config, await customerLink(play.project.slug, play.player, play.storage));
    if (gift.kind !== 'booklet') throw new HttpError(404, 'no-booklet', 'This project’s gift is not a booklet.');
    const pdf = await bookletPdf(play.project, gift);
    return new Response(Buffer.from(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${gift.pdfFileName}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  });
