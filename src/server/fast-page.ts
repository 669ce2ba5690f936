import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeCookieJar } from './cookie-jar.ts';
import { playPageOf } from './play-page.ts';
import { cachedPlayPage, type CachedPage } from './play-page-cache.ts';
import { identifyNodeRequest } from './public-origin.ts';

const PLAY_PAGE_PATH = /^\/([a-z0-9-]{1,64})(?:\?|$)/;
/** Astro's own one-segment pages, which a project of the same name cannot take over. */
const ASTRO_PAGES = new Set(['admin', '404']);

/** True for a GET that may be a play page (`/<slug>`, with or without a query). */
export function isPlayPageRequest(request: IncomingMessage): boolean {
  const slug = request.method === 'GET' && request.url ? PLAY_PAGE_PATH.exec(request.url)?.[1] : undefined;
  return slug !== undefined && !ASTRO_PAGES.has(slug);
}

/**
 * Answers a play page from the pages already rendered for players like this one (see
 * play-page-cache.ts) without Astro, whose per-request pipeline cost as much again as everything
 * else a cached page takes: the player is identified, their cookie set and their play read
 * exactly as the page does it (play-page.ts). Everything else (a first render, a preview, a
 * missing project, any error) is left to `render`, with nothing written.
 */
export async function answerPlayPage(request: IncomingMessage, response: ServerResponse, render: () => void): Promise<void> {
  let answer: { page: CachedPage; cookies: string[] } | undefined;
  try {
    answer = await cachedAnswer(request);
  } catch {
    // Astro renders the same request again and answers the error as every page does.
  }
  if (!answer) return render();
  const { page, cookies } = answer;
  const headers = Object.fromEntries(page.headers);
  response.writeHead(page.status, cookies.length > 0 ? { ...headers, 'set-cookie': cookies } : headers).end(page.html);
}

async function cachedAnswer(request: IncomingMessage): Promise<{ page: CachedPage; cookies: string[] } | undefined> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const { secure, publicOrigin } = identifyNodeRequest(request);
  const cookies = new NodeCookieJar(request.headers.cookie);
  const play = await playPageOf({ slug: url.pathname.slice(1), query: url.searchParams, cookies, secure, publicOrigin });
  const page = 'missing' in play || !play.slot ? undefined : cachedPlayPage(play.slot);
  return page && { page, cookies: cookies.setCookieHeaders() };
}
