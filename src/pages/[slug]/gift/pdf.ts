import type { APIRoute } from 'astro';
import { bookletPdf } from '../../../gifts/index.ts';
import { earnedGift } from '../../../play/service.ts';
import { playerRequest } from '../../../server/api.ts';
import { handleApi, HttpError } from '../../../server/http.ts';

/** The booklet as a PDF, for players who completed. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const play = await playerRequest(context, { changesState: false });
    const gift = await earnedGift(play);
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
