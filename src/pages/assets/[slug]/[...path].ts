import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { projectFromRoute } from '../../../server/api.ts';
import { isInsideFolder } from '../../../lib/inside-folder.ts';
import { assetVersion } from '../../../config/asset-url.ts';
import { contentTypeOf, isPublicAsset } from '../../../server/content-type.ts';
import { etagMatches, handleApi, HttpError } from '../../../server/http.ts';

/** A URL with `?v=<hash of these bytes>` (see versionedAssetUrl) never changes what it names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A plain URL may be given new bytes when the author edits the project. */
const REVALIDATED_HOURLY = 'public, max-age=3600';

/**
 * Images and fonts of a project folder. Only media types are served, and only from inside the
 * folder (symlinks resolved), so promo-code pools and gift files are never public.
 */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const project = await projectFromRoute(context);
    const requested = context.params.path ?? '';
    const file = await resolveInside(project.dir, requested);
    if (!file || !isPublicAsset(file)) throw new HttpError(404, 'asset-not-found', `No public file ${requested} in this project.`);
    const body = await readFile(file);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    if (etagMatches(context.request.headers.get('if-none-match'), etag))
      return new Response(null, { status: 304, headers: { ETag: etag } });
    const headers: Record<string, string> = {
      'Content-Type': contentTypeOf(file),
      'Cache-Control': context.url.searchParams.get('v') === assetVersion(body) ? IMMUTABLE : REVALIDATED_HOURLY,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    // An SVG opened directly runs as a document: forbid scripts in it.
    if (file.endsWith('.svg')) headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'";
    return new Response(body, { headers });
  });

async function resolveInside(root: string, relative: string): Promise<string | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, relative));
    return isInsideFolder(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}
