import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, resolve } from 'node:path';
import { isInsideFolder } from '../lib/inside-folder.ts';
import { RecentAnswers } from '../lib/recent-answers.ts';

/** Picture types a share image may use; sharp decodes them all. */
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.svg']);
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

export class ShareAssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareAssetError';
  }
}

export interface ProjectImage {
  /** Absolute path of the file, after following links. */
  file: string;
  /** Hash of the file's bytes: part of the cache key of every image that shows it. */
  fingerprint: string;
}

/**
 * Content hashes by file, re-read only when the size or modification time moves, so a key costs
 * a stat per request while equal bytes keep the key (a re-copied file is not drawn again).
 */
const hashes = new Map<string, { stamp: string; hash: string }>();

/**
 * What is wrong with `assetPath` as the path of a project picture, judged from the text alone;
 * undefined when nothing is. Stored share content is checked with it before any file is touched;
 * `resolveProjectImage` then also follows links and checks the file itself.
 */
export function imagePathProblem(assetPath: string): string | undefined {
  if (URL_LIKE.test(assetPath) || isAbsolute(assetPath) || assetPath.split(/[\\/]/).includes('..')) {
    return 'expected a path inside the project folder, like assets/logo.png';
  }
  if (!IMAGE_EXTENSIONS.has(extname(assetPath).toLowerCase())) return 'expected a PNG, JPEG, WebP or SVG file';
  return undefined;
}

/**
 * Resolves a picture of the project folder, like satori's url-safety guard but stricter: only
 * a relative path to an existing image file inside the project folder is accepted, never a URL,
 * an absolute path, a `..` escape or a symlink that leads outside. Nothing is ever fetched.
 */
export function resolveProjectImage(projectDir: string, assetPath: string): Promise<ProjectImage> {
  return recentImages.get(`${projectDir}\0${assetPath}`, () => lookedUpImage(projectDir, assetPath));
}

/** Every share image of a project draws the same pictures: a file is looked at again a second after the last look at most. */
const recentImages = new RecentAnswers<ProjectImage>(1000);

async function lookedUpImage(projectDir: string, assetPath: string): Promise<ProjectImage> {
  const where = `share image asset ${JSON.stringify(assetPath)} of ${projectDir}`;
  const problem = imagePathProblem(assetPath);
  if (problem) throw new ShareAssetError(`${where}: ${problem}.`);
  let root: string;
  let file: string;
  try {
    root = await realpath(projectDir);
    file = await realpath(resolve(root, assetPath));
  } catch {
    throw new ShareAssetError(`${where}: the file does not exist.`);
  }
  if (!isInsideFolder(root, file)) {
    throw new ShareAssetError(`${where}: the file lies outside the project folder.`);
  }
  const info = await stat(file);
  if (!info.isFile()) throw new ShareAssetError(`${where}: expected a file, found a folder.`);
  if (info.size > MAX_IMAGE_BYTES) {
    throw new ShareAssetError(`${where}: the file is ${info.size} bytes; at most ${MAX_IMAGE_BYTES} are accepted.`);
  }
  return { file, fingerprint: await contentHash(file, `${info.size}:${info.mtimeMs}`) };
}

async function contentHash(file: string, stamp: string): Promise<string> {
  const known = hashes.get(file);
  if (known?.stamp === stamp) return known.hash;
  const hash = createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
    .slice(0, 32);
  hashes.set(file, { stamp, hash });
  return hash;
}

export function readProjectImage(image: ProjectImage): Promise<Buffer> {
  return readFile(image.file);
}
