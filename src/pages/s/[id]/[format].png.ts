import type { APIRoute } from 'astro';
import { handleApi, HttpError } from '../../../server/http.ts';
import { shareImageResponse } from '../../../share/route.ts';
import { findSharedResult } from '../../../share/shared-result.ts';

/** og.png (1200×630) and story.png (1080×1920) of a share; any other name is a 404. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const format = context.params.format;
    if (format !== 'og' && format !== 'story') throw new HttpError(404, 'unknown-format', 'Share images are og.png and story.png.');
    const found = await findSharedResult(context.params.id ?? '');
    if (!found) throw new HttpError(404, 'share-not-found', 'There is no such share.');
    return shareImageResponse({
      project: found.project,
      content: found.share.content,
      format,
      request: context.request,
      clientKey: context.locals.request.clientAddress,
    });
  });
