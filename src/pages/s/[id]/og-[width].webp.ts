import type { APIRoute } from 'astro';
import { handleApi } from '../../../server/http.ts';
import { imageAnswerResponse } from '../../../share/http.ts';
import { sharedImageAnswer } from '../../../share/route.ts';

/**
 * The og card as a smaller WebP for the share page's `srcset`: og-480.webp, og-800.webp,
 * og-1200.webp. The production server answers these before Astro (see src/server/fast-api.ts).
 */
export const GET: APIRoute = (context) =>
  handleApi(async () =>
    imageAnswerResponse(
      await sharedImageAnswer(
        context.params.id ?? '',
        { renditionWidth: Number(context.params.width) },
        { ifNoneMatch: context.request.headers.get('if-none-match'), clientKey: context.locals.request.clientAddress },
      ),
    ),
  );
