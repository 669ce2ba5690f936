import type { APIContext } from 'astro';
import type { LoadedProject } from '../config/load.ts';
import { previewPlayerOfRequest, previewStorage } from '../play/preview.ts';
import type { PlayContext } from '../play/service.ts';
import { playStrings } from '../play/strings.ts';
import { getStorage } from '../storage/index.ts';
import { type ApiRequest, apiRequestOfAstro } from './api-request.ts';
import { assertSameOriginHeaders, HttpError } from './http.ts';
import { cookieName, playerFromCookie } from './player.ts';
import { requireProject } from './projects.ts';

/** The project named by the route's `slug`, or a 404/503 the client can act on. */
export function projectFromRoute(context: APIContext): Promise<LoadedProject> {
  return requireProject(context.params.slug ?? '');
}

/**
 * Everything a state-changing player request needs: same-origin check first (before any work),
 * then the project and the player remembered by the page visit.
 */
export async function playContextOf(request: ApiRequest, options: { changesState: boolean }): Promise<PlayContext> {
  if (options.changesState) assertSameOriginHeaders(request.origin, request.fetchSite, request.publicOrigin);
  const project = await requireProject(request.slug);
  const now = new Date();
  // A preview player plays in the preview store: nothing it does is counted.
  const preview = previewPlayerOfRequest(project, request.cookie, now);
  if (preview) return { project, storage: previewStorage(), player: preview, now, preview: true };
  const player = playerFromCookie(request.cookie(cookieName(project.slug)));
  if (!player) {
    throw new HttpError(401, 'no-player', playStrings(project.config.locale).openPageFirst);
  }
  return { project, storage: await getStorage(), player, now };
}

/** `playContextOf` for the routes only Astro answers (gift files). */
export function playerRequest(context: APIContext, options: { changesState: boolean }): Promise<PlayContext> {
  return playContextOf(apiRequestOfAstro(context), options);
}
