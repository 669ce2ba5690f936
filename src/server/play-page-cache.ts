import { randomBytes } from 'node:crypto';
import type { LoadedProject } from '../config/load.ts';
import { processShared } from '../lib/process-shared.ts';

/**
 * Rendered play pages, kept by everything that makes one page differ from another, so the
 * players of a mailing blast (most of them on the same first screen, many with the same first
 * name) share one render: rendering the Astro and Svelte tree was most of a personal page's CPU.
 * The page still looks up the player and the play on every request; only the HTML is reused, and
 * its cookie is set anew by Astro on each answer. What a page shows must be in `PlayPageParts`,
 * or one player would see another's page. The one exception is the player's first name: a blast's
 * players mostly differ by it, so a page is rendered with a stand-in there (see `nameInSharedPage`)
 * and each answer gets its own name filled in.
 */
export interface PlayPageParts {
  phase: string;
  /** The «preview link expired» notice is shown. */
  previewExpired: boolean;
  referredBy: string | undefined;
  introTitle: string;
  arm: string | undefined;
  startDate: string;
  /** The project's public address, in the Open Graph tags. */
  projectUrl: string;
  /** The play as the island receives it. */
  status: unknown;
}

/** A page to remember once rendered: set by the page in `Astro.locals`, stored by the middleware. */
export interface PlayPageSlot {
  project: LoadedProject;
  key: string;
  /** The first name that replaces the stand-in in this player's answer. */
  name: string | undefined;
}

/** Written where the first name goes in a shared render; random, so no project text can contain it. */
const NAME_STAND_IN = processShared('play-page-name-stand-in', () => `rkname${randomBytes(8).toString('hex')}`);
/**
 * Names that read the same as HTML text, in an attribute and inside the island's JSON props (no
 * quotes, ampersands or angle brackets), so filling them in needs no escaping. Any other name is
 * written as it is, and its page is shared only by players of that very name.
 */
const PLAIN_NAME = /^[\p{L}\p{M}\p{N} .-]{1,64}$/u;

/** What a play page writes for the player's first name: the stand-in for a plain name, else the name. */
export function nameInSharedPage(name: string | undefined): string | undefined {
  return name !== undefined && PLAIN_NAME.test(name) ? NAME_STAND_IN : name;
}

function withName(html: string, name: string | undefined): string {
  return name !== undefined && PLAIN_NAME.test(name) ? html.replaceAll(NAME_STAND_IN, name) : html;
}

export interface CachedPage {
  html: string;
  status: number;
  headers: [string, string][];
}

/** Pages per project at most: a blast's first screens by first name and the like, some 20 kB of HTML each. */
const MAX_PAGES_PER_PROJECT = 500;

/** Per loaded project: an edited config loads a new project object, and its pages start afresh. */
const pagesOf = processShared('play-pages', () => new WeakMap<LoadedProject, Map<string, CachedPage>>());

/** `parts.introTitle` is written with `nameInSharedPage(name)`. */
export function playPageSlot(project: LoadedProject, parts: PlayPageParts, name: string | undefined): PlayPageSlot {
  const { phase, previewExpired, referredBy, introTitle, arm, startDate, projectUrl, status } = parts;
  return { project, name, key: JSON.stringify([phase, previewExpired, referredBy, introTitle, arm, startDate, projectUrl, status]) };
}

/** The page rendered before for the same parts, with this player's name; undefined when there is none. */
export function cachedPlayPage({ project, key, name }: PlayPageSlot): CachedPage | undefined {
  const pages = pagesOf.get(project);
  const page = pages?.get(key);
  if (!pages || !page) return undefined;
  pages.delete(key);
  pages.set(key, page);
  return { ...page, html: withName(page.html, name) };
}

/** Keeps a page just rendered for `slot` and hands back an answer with the same body and headers. */
export async function rememberPlayPage({ project, key, name }: PlayPageSlot, response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  const html = await response.text();
  // A filled-in name changes the length.
  response.headers.delete('content-length');
  // Cookies are attached by Astro to whichever answer leaves; none may be kept for the next player.
  const headers = [...response.headers].filter(([header]) => header.toLowerCase() !== 'set-cookie');
  let pages = pagesOf.get(project);
  if (!pages) {
    pages = new Map();
    pagesOf.set(project, pages);
  }
  pages.set(key, { html, status: response.status, headers });
  for (const oldest of pages.keys()) {
    if (pages.size <= MAX_PAGES_PER_PROJECT) break;
    pages.delete(oldest);
  }
  return new Response(withName(html, name), { status: response.status, headers: response.headers });
}
