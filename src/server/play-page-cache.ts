import type { LoadedProject } from '../config/load.ts';

/**
 * Rendered play pages, kept by everything that makes one page differ from another, so the
 * players of a mailing blast (most of them on the same first screen, many with the same first
 * name) share one render: rendering the Astro and Svelte tree was most of a personal page's CPU.
 * The page still looks up the player and the play on every request; only the HTML is reused, and
 * its cookie is set anew by Astro on each answer. What a page shows must be in `PlayPageParts`,
 * or one player would see another's page.
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
}

interface CachedPage {
  html: string;
  status: number;
  headers: [string, string][];
}

/** Pages per project at most: a blast's first screens by first name and the like, some 20 kB of HTML each. */
const MAX_PAGES_PER_PROJECT = 500;

/** Per loaded project: an edited config loads a new project object, and its pages start afresh. */
const pagesOf = new WeakMap<LoadedProject, Map<string, CachedPage>>();

export function playPageSlot(project: LoadedProject, parts: PlayPageParts): PlayPageSlot {
  const { phase, previewExpired, referredBy, introTitle, arm, startDate, projectUrl, status } = parts;
  return { project, key: JSON.stringify([phase, previewExpired, referredBy, introTitle, arm, startDate, projectUrl, status]) };
}

/** The page rendered before for the same parts, as a fresh answer; undefined when there is none. */
export function cachedPlayPage({ project, key }: PlayPageSlot): Response | undefined {
  const pages = pagesOf.get(project);
  const page = pages?.get(key);
  if (!pages || !page) return undefined;
  pages.delete(key);
  pages.set(key, page);
  return new Response(page.html, { status: page.status, headers: page.headers });
}

/** Keeps a page just rendered for `slot` and hands back an answer with the same body and headers. */
export async function rememberPlayPage({ project, key }: PlayPageSlot, response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  const html = await response.text();
  // Cookies are attached by Astro to whichever answer leaves; none may be kept for the next player.
  const headers = [...response.headers].filter(([name]) => name.toLowerCase() !== 'set-cookie');
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
  return new Response(html, { status: response.status, headers: response.headers });
}
