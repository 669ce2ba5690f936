import { etagMatches } from '../server/http.ts';
import type { ShareImage, ShareRendition } from './types.ts';

/** Share images never change under their ETag (it hashes what they show), so caches keep them a year. */
export const SHARE_IMAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The HTTP answer for a share image: the PNG with a year-long immutable cache, or 304 when the
 * browser or a proxy already holds these bytes (If-None-Match).
 */
export function imageResponse(image: ShareImage, request: Request): Response {
  return cachedImageResponse(image.png, 'image/png', image.etag, request);
}

/** The same answer for a WebP rendition of a card. */
export function renditionResponse(rendition: ShareRendition, request: Request): Response {
  return cachedImageResponse(rendition.webp, 'image/webp', rendition.etag, request);
}

function cachedImageResponse(bytes: Buffer, contentType: string, etag: string, request: Request): Response {
  const headers = {
    ETag: etag,
    'Cache-Control': SHARE_IMAGE_CACHE_CONTROL,
    'X-Content-Type-Options': 'nosniff',
  };
  if (etagMatches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength) },
  });
}
