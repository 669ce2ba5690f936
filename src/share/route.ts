import { HttpError } from '../server/http.ts';
import { ShareAssetError } from './assets.ts';
import { ShareRenderBusy, type RenditionWidth } from './cache.ts';
import { parseShareContent, ShareContentError } from './content.ts';
import type { ShareFormat } from './formats.ts';
import { imageResponse, renditionResponse } from './http.ts';
import { ShareDrawRefused } from './cache.ts';
import { renderShareImage, shareImageRenderer } from './index.ts';
import { createShareImageLimiter } from './rate-limit.ts';
import type { ShareContent, ShareProject } from './types.ts';

const coldRenders = createShareImageLimiter();

export interface ShareImageRouteInput {
  project: ShareProject;
  /** The stored share content; checked again here. */
  content: unknown;
  format: ShareFormat;
  /** A WebP rendition this wide instead of the PNG (the share page's `srcset`). */
  renditionWidth?: RenditionWidth | undefined;
  request: Request;
  /**
   * The client's address: cold renders are rate-limited per client, cached images never. Absent
   * for a signed-in author's gallery, which draws every result at once and is no visitor's budget.
   */
  clientKey?: string | undefined;
}

/**
 * The whole answer of `/s/<id>/<format>.png`: a cached image right away (or 304), a cold one
 * only within the client's render budget (429 beyond it).
 */
export async function shareImageResponse(input: ShareImageRouteInput): Promise<Response> {
  let content: ShareContent;
  try {
    content = parseShareContent(input.content);
  } catch (error) {
    if (error instanceof ShareContentError) throw new HttpError(404, 'share-content-invalid', 'This share has no drawable result.');
    throw error;
  }
  const request = { project: input.project, content, format: input.format };
  // Only a request that starts a draw spends the client's budget; one joining a draw in progress does not.
  const spendBudget = () => input.clientKey === undefined || coldRenders.take(input.clientKey);
  try {
    if (input.renditionWidth !== undefined) {
      return renditionResponse(await shareImageRenderer().rendition(request, input.renditionWidth, spendBudget), input.request);
    }
    return imageResponse(await renderShareImage(request, spendBudget), input.request);
  } catch (error) {
    if (error instanceof ShareDrawRefused) {
      throw new HttpError(429, 'share-image-rate-limited', 'Too many new share images from this address; try again in a minute.');
    }
    // A missing or refused picture is the project's fault, logged for the author; the visitor gets a 503.
    if (error instanceof ShareRenderBusy) {
      throw new HttpError(503, 'share-image-busy', 'Many new share images are being drawn; try again in a few seconds.', {
        headers: { 'Retry-After': '5' },
      });
    }
    if (error instanceof ShareAssetError) {
      console.error('[rekindle] share image:', error.message);
      throw new HttpError(503, 'share-image-unavailable', 'The share image cannot be drawn right now.');
    }
    throw error;
  }
}
