import { etagMatches } from '../server/http.ts';
import type { ShareImage, ShareRendition } from './types.ts';

/** Share images never change under their ETag (it hashes what they show), so caches keep them a year. */
export const SHARE_IMAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** An image answer as both the Astro routes and the server's fast path write it. */
export interface ImageAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * The HTTP answer for a share image: the PNG with a year-long immutable cache, or 304 when the
 * browser or a proxy already holds these bytes (If-None-Match).
 */
export function imageAnswer(image: ShareImage, ifNoneMatch: string | null | undefined): ImageAnswer {
  return cachedImageAnswer(image.png, 'image/png', image.etag, ifNoneMatch);
}

/** The same answer for a WebP rendition of a card. */
export function renditionAnswer(rendition: ShareRendition, ifNoneMatch: string | null | undefined): ImageAnswer {
  return cachedImageAnswer(rendition.webp, 'image/webp', rendition.etag, ifNoneMatch);
}

/** An image answer as a web Response, for the Astro routes. */
export function imageAnswerResponse({ status, headers, body }: ImageAnswer): Response {
  return new Response(body ? new Uint8Array(body) : null, { status, headers });
}

function cachedImageAnswer(bytes: Buffer, contentType: string, etag: string, ifNoneMatch: string | null | undefined): ImageAnswer {
  const headers = {
    ETag: etag,
    'Cache-Control': SHARE_IMAGE_CACHE_CONTROL,
    'X-Content-Type-Options': 'nosniff',
  };
  if (etagMatches(ifNoneMatch ?? null, etag)) return { status: 304, headers };
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength) },
    body: bytes,
  };
}
