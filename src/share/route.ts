import { HttpError } from '../server/http.ts';
import { ShareAssetError } from './assets.ts';
import { isRenditionWidth, RENDITION_WIDTHS, ShareRenderBusy, type RenditionWidth } from './cache.ts';
import { parseShareContent, ShareContentError } from './content.ts';
import type { ShareFormat } from './formats.ts';
import { type ImageAnswer, imageAnswer, imageAnswerResponse, renditionAnswer } from './http.ts';
import { ShareDrawRefused } from './cache.ts';
import { renderShareImage, shareImageRenderer } from './index.ts';
import { createShareImageLimiter } from './rate-limit.ts';
import type { ShareContent, ShareProject } from './types.ts';
import { findSharedResult } from './shared-result.ts';
import { processShared } from '../lib/process-shared.ts';

/** One budget per client for the whole process, whichever copy of this module answers (see process-shared.ts). */
const coldRenders = processShared('share-image-limiter', createShareImageLimiter);

export interface ShareImageRouteInput {
  project: ShareProject;
  /** The stored share content; checked again here. */
  content: unknown;
  format: ShareFormat;
  /** A WebP rendition this wide instead of the PNG (the share page's `srcset`). */
  renditionWidth?: RenditionWidth | undefined;
  /** The request's If-None-Match. */
  ifNoneMatch: string | null | undefined;
  /**
   * The client's address: cold renders are rate-limited per client, cached images never. Absent
   * for a signed-in author's gallery, which draws every result at once and is no visitor's budget.
   */
  clientKey?: string | undefined;
}

/** `shareImageAnswer` as a web Response, for the Astro routes. */
export async function shareImageResponse(input: Omit<ShareImageRouteInput, 'ifNoneMatch'> & { request: Request }): Promise<Response> {
  return imageAnswerResponse(await shareImageAnswer({ ...input, ifNoneMatch: input.request.headers.get('if-none-match') }));
}

/** A share's image by its file name: og.png, story.png or an og-<width>.webp rendition. */
export type SharedImageFile = { format: string } | { renditionWidth: number };

/**
 * The answer of `/s/<id>/<file>`, for the Astro routes and the server's fast path alike: the
 * share's image, or a 404 for an unknown file or share.
 */
export async function sharedImageAnswer(
  id: string,
  file: SharedImageFile,
  request: { ifNoneMatch: string | null | undefined; clientKey: string },
): Promise<ImageAnswer> {
  if ('format' in file && file.format !== 'og' && file.format !== 'story') {
    throw new HttpError(404, 'unknown-format', 'Share images are og.png and story.png.');
  }
  if ('renditionWidth' in file && !isRenditionWidth(file.renditionWidth)) {
    throw new HttpError(404, 'unknown-format', `Share image renditions are og-${RENDITION_WIDTHS.join('.webp, og-')}.webp.`);
  }
  const found = await findSharedResult(id);
  if (!found) throw new HttpError(404, 'share-not-found', 'There is no such share.');
  const { project, share } = found;
  return shareImageAnswer({
    project,
    content: share.content,
    format: 'format' in file ? (file.format as ShareFormat) : 'og',
    renditionWidth: 'renditionWidth' in file ? (file.renditionWidth as RenditionWidth) : undefined,
    ...request,
  });
}

/**
 * The whole answer for a card: a cached image right away (or 304), a cold one only within the
 * client's render budget (429 beyond it).
 */
export async function shareImageAnswer(input: ShareImageRouteInput): Promise<ImageAnswer> {
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
      return renditionAnswer(await shareImageRenderer().rendition(request, input.renditionWidth, spendBudget), input.ifNoneMatch);
    }
    return imageAnswer(await renderShareImage(request, spendBudget), input.ifNoneMatch);
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
