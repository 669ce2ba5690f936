import type { APIRoute } from 'astro';
import { handleApi, HttpError } from '../../../server/http.ts';
import { isRenditionWidth, RENDITION_WIDTHS } from '../../../share/cache.ts';
import { shareImageResponse } from '../../../share/route.ts';
import { findSharedResult } from '../../../share/shared-result.ts';

/** The og card as a smaller WebP for the share page's `srcset`: og-480.webp, og-800.webp, og-1200.webp. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const width = Number(context.params.width);
    if (!isRenditionWidth(width)) {
      throw new HttpError(404, 'unknown-format', `Share image renditions are og-${RENDITION_WIDTHS.join('.webp, og-')}.webp.`);
    }
    const found = await findSharedResult(context.params.id ?? '');
    if (!found) throw new HttpError(404, 'share-not-found', 'There is no such share.');
    return shareImageResponse({
      project: found.project,
      content: found.share.content,
      format: 'og',
      request: context.request,
      clientKey: context.locals.request.clientAddress,
      renditionWidth: width,
    });
  });
