import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

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
  /** Changes whenever the file does: part of the cache key of every image that shows it. */
  fingerprint: string;
}

/**
 * Resolves a picture of the project folder, like satori's url-safety guard but stricter: only
 * a relative path to an existing image file inside the project folder is accepted, never a URL,
 * an absolute path, a `..` escape or a symlink that leads outside. Nothing is ever fetched.
 */
export async function resolveProjectImage(projectDir: string, assetPath: string): Promise<ProjectImage> {
  const where = `share image asset ${JSON.stringify(assetPath)} of ${projectDir}`;
  if (URL_LIKE.test(assetPath) || isAbsolute(assetPath) || assetPath.split(/[\\/]/).includes('..')) {
    throw new ShareAssetError(`${where}: expected a path inside the project folder, like assets/logo.png.`);
  }
  if (!IMAGE_EXTENSIONS.has(extname(assetPath).toLowerCase())) {
    throw new ShareAssetError(`${where}: expected a PNG, JPEG, WebP or SVG file.`);
  }
  let root: string;
  let file: string;
  try {
    root = await realpath(projectDir);
    file = await realpath(resolve(root, assetPath));
  } catch {
    throw new ShareAssetError(`${where}: the file does not exist.`);
  }
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw new ShareAssetError(`${where}: the file lies outside the project folder.`);
  }
  const info = await stat(file);
  if (!info.isFile()) throw new ShareAssetError(`${where}: expected a file, found a folder.`);
  if (info.size > MAX_IMAGE_BYTES) {
    throw new ShareAssetError(`${where}: the file is ${info.size} bytes; at most ${MAX_IMAGE_BYTES} are accepted.`);
  }
  return { file, fingerprint: `${inside}:${info.size}:${info.mtimeMs}` };
}

export function readProjectImage(image: ProjectImage): Promise<Buffer> {
  return readFile(image.file);
}
