import path from 'node:path';

/**
 * Whether `target` lies strictly inside `folder`. Both must already be real paths (links
 * followed): every reader of project files uses this, so a symlink can never lead out of a
 * project folder through one reader when another refuses it.
 */
export function isInsideFolder(folder: string, target: string): boolean {
  const inside = path.relative(folder, target);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${path.sep}`) && !path.isAbsolute(inside);
}
