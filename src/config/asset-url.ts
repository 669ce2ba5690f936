/**
 * The public URL of a file inside a project folder. Served by src/pages/assets/[slug]/[...path].ts,
 * which only serves files under the project folder.
 */
export function assetUrl(slug: string, assetPath: string): string {
  const encoded = assetPath.split('/').map(encodeURIComponent).join('/');
  return `/assets/${slug}/${encoded}`;
}
