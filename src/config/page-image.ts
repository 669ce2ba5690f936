import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { isInsideFolder } from '../lib/inside-folder.ts';
import { RecentAnswers } from '../lib/recent-answers.ts';
import { assetUrl, versionedAssetUrl } from './asset-url.ts';

/** A project picture as a page shows it: a URL that may be cached for good, and its intrinsic size. */
export interface PageImage {
  url: string;
  /** Intrinsic size, for the <img> width and height that reserve its box before it loads. */
  width?: number | undefined;
  height?: number | undefined;
}

/** Per file: its URL and size, read again only when the file's size or modification time moves. */
const known = new Map<string, { stamp: string; image: PageImage }>();
/** Every play page shows the logo: its file is looked at again a second after the last look at most. */
const recentImages = new RecentAnswers<PageImage>(1000);

/**
 * The logo or hero of a project page. Its URL carries the hash of the file's bytes (immutable
 * caching) and its size comes from the file (no layout shift); a file that cannot be read keeps
 * the plain URL, and the asset route answers it as it would any missing file.
 */
export function pageImage(project: { slug: string; dir: string }, assetPath: string): Promise<PageImage> {
  return recentImages.get(`${project.dir}\0${assetPath}`, () => lookedUpImage(project, assetPath));
}

async function lookedUpImage(project: { slug: string; dir: string }, assetPath: string): Promise<PageImage> {
  try {
    const root = await realpath(project.dir);
    const file = await realpath(path.resolve(root, assetPath));
    if (!isInsideFolder(root, file)) return { url: assetUrl(project.slug, assetPath) };
    const info = await stat(file);
    const stamp = `${project.slug}:${assetPath}:${info.size}:${info.mtimeMs}`;
    const cached = known.get(file);
    if (cached?.stamp === stamp) return cached.image;
    const bytes = await readFile(file);
    const { width, height } = await sharp(bytes).metadata();
    const image = { url: versionedAssetUrl(project.slug, assetPath, bytes), width, height };
    known.set(file, { stamp, image });
    return image;
  } catch {
    return { url: assetUrl(project.slug, assetPath) };
  }
}
