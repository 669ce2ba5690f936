import type { CookieJar } from '../server/cookie-jar.ts';
import { nanoid } from 'nanoid';
import type { LoadedProject } from '../config/load.ts';
import type { ProjectConfig } from '../config/schema.ts';
import { mechanicFor } from '../mechanics/registry.ts';
import type { Mechanic, PlaySummary, PreviewPlay } from '../mechanics/types.ts';
import { sign, unsign } from '../server/cookie-signature.ts';
import { HttpError } from '../server/http.ts';
import { createMemoryStorage } from '../storage/index.ts';
import { processShared } from '../lib/process-shared.ts';
import type { Storage } from '../storage/types.ts';
import type { Player } from '../server/player.ts';
import { uiStrings } from '../i18n/index.ts';
import { shareContentOf } from '../share/content.ts';

/**
 * Preview: an author (or a colleague with a signed, expiring link) plays a project before or after
 * its dates without being counted. A preview play lives in a store of its own in this process's
 * memory, so no event, play, order or promo code ever reaches the project's real data and the
 * report cannot change; a preview player is never a customer, never anonymous, never tracked.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The preview cookie outlives its link by this much, so a play API call after the link ran out
 * is told so («ask for a new link») instead of a puzzling «open the page first».
 */
const COOKIE_GRACE_MS = DAY_MS;
/** How long a link for a colleague works. */
export const PREVIEW_LINK_DAYS = 7;

/** A request's cookie by name, as whichever server delivered the request reads it. */
type CookieReader = (name: string) => string | undefined;

/** The process's preview store: plays and events of preview players only, gone on restart. */
export function previewStorage(): Storage {
  return processShared('preview-storage', createMemoryStorage);
}

function signedValue(slug: string, expiresAt: number): string {
  return `preview:${slug}:${expiresAt}`;
}

/** A token for `/<slug>?preview=<token>`, valid until `expiresAt`, signed with the server's key. */
export function previewToken(slug: string, expiresAt: Date): string {
  const value = signedValue(slug, expiresAt.getTime());
  return `${expiresAt.getTime()}.${sign(value).slice(value.length + 1)}`;
}

/** A link for a colleague: the project's page in preview for a week. */
export function previewLink(slug: string, origin: string, now: Date, days = PREVIEW_LINK_DAYS): { url: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  return { url: new URL(`/${slug}?preview=${previewToken(slug, expiresAt)}`, origin).toString(), expiresAt };
}

/** True for a token this server signed for this project that has not expired. */
export function isValidPreviewToken(slug: string, token: string | null | undefined, now: Date): boolean {
  const match = token?.match(/^(\d{1,15})\.([A-Za-z0-9_-]{10,64})$/);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  const value = signedValue(slug, expiresAt);
  return expiresAt > now.getTime() && unsign(`${value}.${match[2]}`) === value;
}

function cookieName(slug: string): string {
  return `rk_preview_${slug.replace(/-/g, '_')}`;
}

/**
 * The preview player of this browser, started when the page is opened with a valid token. The
 * cookie carries the token's expiry, so the play API stops accepting it when the link does.
 */
export function startPreview(slug: string, token: string, cookies: CookieJar, secure: boolean): Player {
  const known = previewPlayer(slug, (name) => cookies.get(name)?.value, new Date());
  if (known) return known;
  const expiresAt = Number(token.split('.')[0]);
  const key = `preview:${nanoid()}`;
  cookies.set(cookieName(slug), sign(`${key}:${expiresAt}`), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: new Date(expiresAt + COOKIE_GRACE_MS),
  });
  return { key };
}

/** Forgets this browser's preview player, so the page and the API agree it plays for real. */
export function endPreview(slug: string, cookies: CookieJar): void {
  if (cookies.has(cookieName(slug))) cookies.delete(cookieName(slug), { path: '/' });
}

/** The preview player this browser's signed cookie names, while its link is valid. */
function previewPlayer(slug: string, cookie: CookieReader, now: Date): Player | undefined {
  const signed = cookie(cookieName(slug));
  const value = signed ? unsign(signed) : undefined;
  const match = value?.match(/^(preview:[A-Za-z0-9_-]{10,64}):(\d{1,15})$/);
  if (!match?.[1] || Number(match[2]) <= now.getTime()) return undefined;
  return { key: match[1] };
}

/**
 * The preview player of a play API request, or undefined when the browser holds no preview
 * cookie. A cookie that is forged or whose link has run out is refused, never taken for a real
 * player: the author reads why, and nothing is counted anywhere.
 */
export function previewPlayerOfRequest(project: LoadedProject, cookie: CookieReader, now: Date): Player | undefined {
  if (cookie(cookieName(project.slug)) === undefined) return undefined;
  const player = previewPlayer(project.slug, cookie, now);
  if (!player) throw new HttpError(403, 'preview-expired', uiStrings(project.config.locale).previewExpired);
  return player;
}

function mechanicOf(config: ProjectConfig): Mechanic<string, ProjectConfig> {
  const mechanic = mechanicFor(config.kind);
  if (!mechanic) throw new HttpError(500, 'unknown-mechanic', `No mechanic is registered for kind ${config.kind}.`);
  return mechanic as unknown as Mechanic<string, ProjectConfig>;
}

function previewPlaysOf(project: LoadedProject, now: Date): PreviewPlay[] {
  return mechanicOf(project.config).previewPlays?.(project.config, now) ?? [];
}

/** Replays a preview play through the mechanic's rules; the state a player would have there. */
function replay(project: LoadedProject, play: PreviewPlay, now: Date): { state: unknown; complete: boolean } {
  const mechanic = mechanicOf(project.config);
  let state = mechanic.initialState(project.config);
  play.actions.forEach((action, step) => {
    const context = { seed: project.slug, now, customer: play.customer, drawn: play.drawn?.[step] };
    state = mechanic.act(project.config, state, action, context);
  });
  return { state, complete: mechanic.isComplete(project.config, state) };
}

/** Where a preview can jump: the mechanic's steps and results, by index. */
export function previewJumps(project: LoadedProject, now: Date): { index: number; label: string }[] {
  return previewPlaysOf(project, now).map((play, index) => ({ index, label: play.label }));
}

/**
 * The jump the preview player is at, for the jump list to show: the one with the same screen and
 * gift, else, once finished, the result with the same title, picture and gift, else, mid-play, the
 * step with as many funnel steps behind it (a quiz answered otherwise than the jump did).
 */
export async function currentPreviewJump(project: LoadedProject, player: Player, now: Date): Promise<number | undefined> {
  const mechanic = mechanicOf(project.config);
  const { config } = project;
  const record = await previewStorage().plays.get(project.slug, player.key);
  const state = record?.state ?? mechanic.initialState(config);
  const gift = (candidate: unknown) => mechanic.earnedGift?.(config, candidate);
  const screen = (candidate: unknown) => JSON.stringify([mechanic.view(config, candidate), gift(candidate)]);
  const result = (candidate: unknown) => {
    const { title, image } = mechanic.summary(config, candidate);
    return JSON.stringify([title, image, gift(candidate)]);
  };
  const passed = (candidate: unknown) => mechanic.funnelSteps(config).filter((step) => step.passed(candidate)).length;
  const replayed = previewPlaysOf(project, now).map((play, index) => ({ index, ...replay(project, play, now) }));
  const match =
    replayed.find((jump) => screen(jump.state) === screen(state)) ??
    (mechanic.isComplete(config, state)
      ? replayed.find((jump) => jump.complete && result(jump.state) === result(state))
      : replayed.find((jump) => !jump.complete && passed(jump.state) === passed(state)));
  return match?.index;
}

/** Puts the preview player at jump `index`: a started play in that state, completed if it is a result. */
export async function jumpTo(project: LoadedProject, player: Player, index: number, now: Date): Promise<void> {
  const play = previewPlaysOf(project, now)[index];
  if (!play) throw new HttpError(404, 'unknown-preview-step', 'There is no such step to jump to.');
  const { state, complete } = replay(project, play, now);
  const at = now.toISOString();
  await previewStorage().plays.update(project.slug, player.key, () => ({
    project: project.slug,
    player: player.key,
    state,
    startedAt: at,
    completedAt: complete ? at : undefined,
    updatedAt: at,
  }));
}

/** Every result a player can reach, with what its share image shows: the gallery. */
export function previewResults(project: LoadedProject, now: Date): { index: number; label: string; summary: Omit<PlaySummary, 'facts'> }[] {
  const mechanic = mechanicOf(project.config);
  return previewPlaysOf(project, now).flatMap((play, index) => {
    const { state, complete } = replay(project, play, now);
    return complete ? [{ index, label: play.label, summary: shareContentOf(mechanic.summary(project.config, state)) }] : [];
  });
}

const previewCodes = processShared('preview-codes', () => new Map<string, string>());

/**
 * Promo codes for preview players: an obvious «PREVIEW-…» code, the same on every repeat, and
 * never one from a real pool, so a preview cannot use up a code a customer was meant to get.
 */
export const previewPromo: Pick<Storage, 'promo'> = {
  promo: {
    load: async () => undefined,
    async claim(project, pool, player) {
      const key = `${project}\0${pool}\0${player}`;
      const code =
        previewCodes.get(key) ??
        `PREVIEW-${nanoid(6)
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, 'X')}`;
      previewCodes.set(key, code);
      return code;
    },
    taken: async () => 0,
  },
};
