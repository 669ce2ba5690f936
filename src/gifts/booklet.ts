import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { typeset } from '../i18n/typeset.ts';
import type { BookletGift } from '../config/schemas/gift.ts';
import { renderBookletMarkdown, type RenderedPage } from './markdown.ts';
import type { GiftProject } from './types.ts';

export interface BookletPage extends RenderedPage {
  /** Path of the Markdown file inside the project folder. */
  file: string;
  title: string;
}

export interface Booklet {
  /** The pages folder inside the project folder, e.g. `booklet`. */
  dir: string;
  pages: BookletPage[];
}

const MARKDOWN_FILE = /\.(md|markdown)$/i;

const cache = new Map<string, Promise<Booklet>>();

/**
 * The Markdown pages among a folder's entries, in file-name order: `01-cuba.md` before
 * `02-italy.md`, and `10-…` after `9-…`.
 */
export function bookletPageFiles(entries: readonly Dirent[]): string[] {
  return entries
    .filter((entry) => entry.isFile() && MARKDOWN_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Reads and renders the gift's Markdown pages, once per process: booklets are part of the
 * project folder, which changes only with a deploy.
 */
export function loadBooklet(project: GiftProject, gift: BookletGift): Promise<Booklet> {
  const key = `${project.dir}\0${gift.pages}`;
  let booklet = cache.get(key);
  if (!booklet) {
    booklet = readBooklet(project, gift.pages);
    // A failed read is not cached, so fixing the folder does not need a restart.
    booklet.catch(() => cache.delete(key));
    cache.set(key, booklet);
  }
  return booklet;
}

async function readBooklet(project: GiftProject, pagesDir: string): Promise<Booklet> {
  const absoluteDir = path.join(project.dir, pagesDir);
  let files: string[];
  try {
    files = bookletPageFiles(await readdir(absoluteDir, { withFileTypes: true }));
  } catch (cause) {
    throw new Error(`Booklet folder ${absoluteDir} cannot be read; expected a folder of Markdown pages`, { cause });
  }
  if (files.length === 0) {
    throw new Error(`Booklet folder ${absoluteDir} has no Markdown pages; expected files like 01-intro.md`);
  }
  const pages = await Promise.all(
    files.map(async (name) => {
      const markdown = await readFile(path.join(absoluteDir, name), 'utf8');
      const page = renderBookletMarkdown(markdown, project.slug, pagesDir);
      // The page players read is typeset; the PDF draws from the tokens, which keep the author's text.
      const html = typeset(page.html, project.config.locale);
      return { ...page, html, file: path.posix.join(pagesDir, name), title: page.title ?? pageNameOf(name) };
    }),
  );
  return { dir: pagesDir, pages };
}

/** `02-italy.md` → `italy`: a readable title for a page without a heading. */
function pageNameOf(fileName: string): string {
  return (
    fileName
      .replace(MARKDOWN_FILE, '')
      .replace(/^\d+[-_. ]*/, '')
      .replace(/[-_]+/g, ' ') || fileName
  );
}
