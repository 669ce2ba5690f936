import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileGift } from '../config/schemas/gift.ts';
import { isInsideFolder } from '../lib/inside-folder.ts';
import { contentTypeOf } from '../server/content-type.ts';
import type { GiftProject } from './types.ts';

export interface GiftFile {
  /** Absolute path, checked to be a regular file inside the project folder. */
  path: string;
  /** ASCII-only, so it fits a Content-Disposition header as is. */
  fileName: string;
  contentType: string;
}

/**
 * The file a file gift serves, or undefined when it is missing or leads outside the project
 * folder (a symlink could; the config schema already refuses `..`).
 */
export function giftFileFor(project: GiftProject, gift: FileGift): GiftFile | undefined {
  let real: string;
  let projectRoot: string;
  try {
    real = realpathSync(path.join(project.dir, gift.path));
    projectRoot = realpathSync(project.dir);
    if (!statSync(real).isFile()) return undefined;
  } catch {
    return undefined;
  }
  if (!isInsideFolder(projectRoot, real)) return undefined;
  return {
    path: real,
    fileName: safeDownloadName(path.basename(gift.path)),
    contentType: contentTypeOf(gift.path),
  };
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** `Купон Hoff (1).pdf` → `kupon-hoff-1.pdf`: transliterated, lower case, only [a-z0-9._-]. */
export function safeDownloadName(fileName: string): string {
  const extension = path
    .extname(fileName)
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '');
  const stem = [...path.basename(fileName, path.extname(fileName)).toLowerCase()]
    .map((char) => CYRILLIC_TO_LATIN[char] ?? char)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${stem || 'gift'}${extension}`;
}
