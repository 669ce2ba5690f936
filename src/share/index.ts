import { join } from 'node:path';
import { settings } from '../environment/index.ts';
import { processShared } from '../lib/process-shared.ts';
import { ShareImageRenderer } from './cache.ts';
import type { ShareImage, ShareImageRequest } from './types.ts';

export { ShareDrawRefused, ShareImageRenderer, type ShareImageRendererOptions, type ShareImageStats } from './cache.ts';
export { ShareAssetError } from './assets.ts';
export { parseShareContent, shareContentSchema, ShareContentError } from './content.ts';
export { assertShareFormat, isShareFormat, SHARE_FORMATS, type ShareFormat } from './formats.ts';
export { createShareImageLimiter, TokenBucketLimiter, type TokenBucketOptions } from './rate-limit.ts';
export type { ShareContent, ShareImage, ShareImageRequest, ShareProject } from './types.ts';
export { SHARE_IMAGE_CACHE_CONTROL } from './http.ts';
export { shareImageResponse } from './route.ts';
export { shareTexts, type SharePageTexts } from './page.ts';

/**
 * The process's renderer, caching under `<dataDir>/share-cache` (REKINDLE_DATA_DIR or ./data),
 * at most REKINDLE_SHARE_CACHE_MB megabytes of it (1 024 by default).
 */
export function shareImageRenderer(): ShareImageRenderer {
  // One per process, whichever copy of this module asks (see process-shared.ts): its memory cache and its draw queue are the process's.
  return processShared('share-image-renderer', () => {
    const { dataDir, shareCacheBytes } = settings();
    return new ShareImageRenderer({ cacheDir: join(dataDir, 'share-cache'), diskBytes: shareCacheBytes });
  });
}

/** The card as PNG with its ETag; drawn once (if `mayDraw` allows), then served from memory or disk. */
export function renderShareImage(request: ShareImageRequest, mayDraw?: () => boolean): Promise<ShareImage> {
  return shareImageRenderer().render(request, mayDraw);
}
