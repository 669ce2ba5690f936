import type { LoadedProject } from '../config/load.ts';
import type { ProjectConfig } from '../config/schema.ts';
import { formatDate } from '../i18n/index.ts';
import { firstName } from '../i18n/first-name.ts';
import { currentPreviewJump, endPreview, isValidPreviewToken, previewJumps, previewStorage, startPreview } from '../play/preview.ts';
import { type Phase, phaseOf, scheduleInstants } from '../play/schedule.ts';
import { type PlayStatus, playStatus } from '../play/service.ts';
import { introFor } from '../play/variants.ts';
import { isShareId } from '../share/share-id.ts';
import { getStorage } from '../storage/index.ts';
import type { CookieJar } from './cookie-jar.ts';
import { nameInSharedPage, type PlayPageSlot, playPageSlot } from './play-page-cache.ts';
import { identifyPlayer, type Player } from './player.ts';
import { findProject } from './projects.ts';

/** A request for `/<slug>`, as Astro's page and the server's fast path (node-server.ts) both see it. */
export interface PlayPageRequest {
  slug: string;
  query: URLSearchParams;
  cookies: CookieJar;
  secure: boolean;
  publicOrigin: string;
}

/** Everything a play page shows, decided in one place, so a shared render fits every player it is served to. */
export interface PlayPage {
  project: LoadedProject;
  config: ProjectConfig;
  player: Player;
  status: PlayStatus;
  phase: Phase;
  /** The `?preview=` token, valid or not. */
  previewParam: string | null;
  inPreview: boolean;
  introTitle: string;
  intro: ReturnType<typeof introFor>;
  startDate: string;
  referredBy: string | undefined;
  /** The project's address without `?c=`: a forwarded link must not carry its owner's token into previews. */
  projectUrl: string;
  /** Where this page's render is kept for other players; undefined for a preview, which has its own bar. */
  slot: PlayPageSlot | undefined;
}

/**
 * Who is playing and what their page shows: the project, the player (remembered by cookie, or
 * started in preview), their play and the page's texts. Undefined, with the reason, when the
 * project is missing or broken.
 */
export async function playPageOf(request: PlayPageRequest): Promise<PlayPage | { missing: 'missing' | 'broken' }> {
  const lookup = await findProject(request.slug);
  if (lookup.status !== 'ok') return { missing: lookup.status };
  const { project } = lookup;
  const { config } = project;
  const now = new Date();
  const previewParam = request.query.get('preview');
  const inPreview = previewParam !== null && isValidPreviewToken(project.slug, previewParam, now);
  const storage = await getStorage();
  // Leaving the preview link ends the preview: the same browser then plays for real.
  if (!inPreview) endPreview(project.slug, request.cookies);
  const player = inPreview
    ? startPreview(project.slug, previewParam ?? '', request.cookies, request.secure)
    : await identifyPlayer({
        slug: project.slug,
        token: request.query.get('c'),
        cookies: request.cookies,
        storage,
        secure: request.secure,
      });
  const status = await playStatus({ project, storage: inPreview ? previewStorage() : storage, player, now, preview: inPreview });
  // A preview plays whatever the dates say.
  const phase = inPreview ? 'running' : phaseOf(config, now);
  const referral = request.query.get('s');
  const referredBy = isShareId(referral) ? referral : undefined;
  const name = firstName(player.link?.name);
  // Players whose pages would be the same share one render (see play-page-cache.ts).
  const nameInPage = inPreview ? name : nameInSharedPage(name);
  const intro = introFor(config.intro, config.variants, player.link?.arm);
  const introTitle = nameInPage && intro.titleWithName ? intro.titleWithName.replaceAll('{name}', nameInPage) : intro.title;
  const startsAt = phase === 'teaser' ? scheduleInstants(config.schedule).startsAt : undefined;
  const startDate = startsAt !== undefined ? formatDate(new Date(startsAt), config.locale, config.schedule.timezone) : '';
  const projectUrl = new URL(`/${project.slug}`, request.publicOrigin).toString();
  const slot = inPreview
    ? undefined
    : playPageSlot(
        project,
        { phase, previewExpired: previewParam !== null, referredBy, introTitle, arm: player.link?.arm, startDate, projectUrl, status },
        name,
      );
  return { project, config, player, status, phase, previewParam, inPreview, introTitle, intro, startDate, referredBy, projectUrl, slot };
}

/** What only a preview page shows: its bar's end date, jumps and current jump. */
export async function previewBarOf(
  page: PlayPage,
): Promise<{ until: string; jumps: { index: number; label: string }[]; current: number | undefined }> {
  const { project, config, player, previewParam } = page;
  const now = new Date();
  return {
    until: formatDate(new Date(Number((previewParam ?? '').split('.')[0])), config.locale, config.schedule.timezone),
    jumps: previewJumps(project, now),
    current: await currentPreviewJump(project, player, now),
  };
}
