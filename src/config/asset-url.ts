import { createHash } from 'node:crypto';

/**
 * The public URL of a file inside a project folder. Served by src/pages/assets/[slug]/[...path].ts,
 * which only serves files under the project folder.
 */
export function assetUrl(slug: string, assetPath: string): string {
  const encoded = assetPath.split('/').map(encodeURIComponent).join('/');
  return `/assets/${slug}/${encoded}`;
}

/**
 * A short hash of a file's bytes. An asset URL carrying it as `?v=` names these bytes for good,
 * so the asset route lets browsers keep it a year; a changed file gets a new URL.
 */
export function assetVersion(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url').slice(0, 12);
}

/** `assetUrl` pinned to one version of the file's bytes. */
export function versionedAssetUrl(slug: string, assetPath: string, bytes: Uint8Array): string {
  return `${assetUrl(slug, assetPath)}?v=${assetVersion(bytes)}`;
}
