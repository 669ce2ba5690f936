import type { AstroCookies } from 'astro';
import { nanoid } from 'nanoid';
import type { LinkRecord, PlayerKey, Storage } from '../storage/types.ts';

/** Personal tokens and anonymous ids are nanoid strings; anything else is treated as absent. */
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface Player {
  key: PlayerKey;
  /** The personal link when the player came from one; undefined for anonymous players. */
  link?: LinkRecord;
}

function cookieName(slug: string): string {
  return `rk_${slug.replace(/-/g, '_')}`;
}

/**
 * Who is playing. A valid personal token in the URL wins and is remembered in an HttpOnly
 * cookie, so the API never needs the token again and it never sits in JS-readable state. An
 * unknown, malformed or missing token falls back to the browser's anonymous id: a forwarded link
 * still plays, tracked as anonymous.
 */
export async function identifyPlayer(
  options: { slug: string; token: string | null; cookies: AstroCookies; storage: Storage; secure: boolean },
): Promise<Player> {
  const { slug, token, cookies, storage, secure } = options;
  if (token !== null && ID_PATTERN.test(token)) {
    const link = await storage.links.byToken(slug, token);
    if (link) {
      remember(cookies, slug, `link:${token}`, secure);
      return { key: `link:${token}`, link };
    }
  }
  const known = await rememberedPlayer(slug, cookies, storage);
  if (known) return known;
  const key = `anon:${nanoid()}`;
  remember(cookies, slug, key, secure);
  return { key };
}

/** The player remembered by this browser's cookie, for API calls; undefined if none or invalid. */
export async function rememberedPlayer(
  slug: string,
  cookies: AstroCookies,
  storage: Storage,
): Promise<Player | undefined> {
  const value = cookies.get(cookieName(slug))?.value;
  if (!value) return undefined;
  const [kind, id] = value.split(':', 2);
  if (!id || !ID_PATTERN.test(id)) return undefined;
  if (kind === 'anon') return { key: value };
  if (kind !== 'link') return undefined;
  const link = await storage.links.byToken(slug, id);
  return link ? { key: value, link } : undefined;
}

function remember(cookies: AstroCookies, slug: string, key: PlayerKey, secure: boolean): void {
  cookies.set(cookieName(slug), key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 60 * 60 * 24 * 365,
  });
}
