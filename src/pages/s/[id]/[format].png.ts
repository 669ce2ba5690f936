import type { APIRoute } from 'astro';
import { handleApi } from '../../../server/http.ts';
import { imageAnswerResponse } from '../../../share/http.ts';
import { sharedImageAnswer } from '../../../share/route.ts';

/**
 * og.png (1200×630) and story.png (1080×1920) of a share; any other name is a 404. The
 * production server answers these before Astro (see src/server/fast-api.ts).
 */
export const GET: APIRoute = (context) =>
  handleApi(async () =>
    imageAnswerResponse(
      await sharedImageAnswer(
        context.params.id ?? '',
        { format: context.params.format ?? '' },
        { ifNoneMatch: context.request.headers.get('if-none-match'), clientKey: context.locals.request.clientAddress },
      ),
    ),
  );
