import type { APIContext } from 'astro';
import type { LoadedProject } from '../config/load.ts';
import { previewPlayerOfRequest, previewStorage } from '../play/preview.ts';
import type { PlayContext } from '../play/service.ts';
import { playStrings } from '../play/strings.ts';
import { getStorage } from '../storage/index.ts';
import type { Storage } from '../storage/types.ts';
import { assertSameOrigin, HttpError } from './http.ts';
import { rememberedPlayer } from './player.ts';
import { requireProject } from './projects.ts';

/** The project named by the route's `slug`, or a 404/503 the client can act on. */
export function projectFromRoute(context: APIContext): Promise<LoadedProject> {
  return requireProject(context.params.slug ?? '');
}

/**
 * Everything a state-changing player request needs: same-origin check first (before any work),
 * then the project and the player remembered by the page visit.
 */
export async function playerRequest(context: APIContext, options: { changesState: boolean }): Promise<PlayContext> {
  if (options.changesState) assertSameOrigin(context.request, context.locals.request.publicOrigin);
  const project = await projectFromRoute(context);
  const now = new Date();
  // A preview player plays in the preview store: nothing it does is counted.
  const preview = previewPlayerOfRequest(project, context.cookies, now);
  if (preview) return { project, storage: previewStorage(), player: preview, now, preview: true };
  const storage: Storage = await getStorage();
  const player = rememberedPlayer(project.slug, context.cookies);
  if (!player) {
    throw new HttpError(401, 'no-player', playStrings(project.config.locale).openPageFirst);
  }
  return { project, storage, player, now };
}
