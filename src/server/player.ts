import type { CookieJar } from './cookie-jar.ts';
import { nanoid } from 'nanoid';
import type { LinkRecord, PlayerKey, Storage } from '../storage/types.ts';
import { sign, unsign } from './cookie-signature.ts';

/** Personal tokens and anonymous ids are nanoid strings; anything else is treated as absent. */
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface Player {
  key: PlayerKey;
  /**
   * The personal link, when the page looked it up. API calls leave it out: the signed cookie
   * proves the key, and only gifts need the customer record (see `customerLink`).
   */
  link?: LinkRecord;
}

export function cookieName(slug: string): string {
  return `rk_${slug.replace(/-/g, '_')}`;
}

/**
 * Who is playing. A valid personal token in the URL wins and is remembered in an HttpOnly
 * cookie, so the API never needs the token again and it never sits in JS-readable state. An
 * unknown, malformed or missing token falls back to the browser's anonymous id: a forwarded link
 * still plays, tracked as anonymous.
 */
export async function identifyPlayer(options: {
  slug: string;
  token: string | null;
  cookies: CookieJar;
  storage: Storage;
  secure: boolean;
}): Promise<Player> {
  const { slug, token, cookies, storage, secure } = options;
  if (token !== null && ID_PATTERN.test(token)) {
    const link = await storage.links.byToken(slug, token);
    if (link) {
      remember(cookies, slug, `link:${token}`, secure);
      return { key: `link:${token}`, link };
    }
  }
  const known = rememberedPlayer(slug, cookies);
  if (known) return { key: known.key, link: await customerLink(slug, known, storage) };
  const key = `anon:${nanoid()}`;
  remember(cookies, slug, key, secure);
  return { key };
}

/**
 * The player remembered by this browser's signed cookie, for API calls; undefined if none or
 * tampered with. It needs no storage read, so tracking stays cheap with a million links.
 */
function rememberedPlayer(slug: string, cookies: CookieJar): Player | undefined {
  return playerFromCookie(cookies.get(cookieName(slug))?.value);
}

/** The player a signed cookie value names, for handlers that read the Cookie header themselves. */
export function playerFromCookie(signed: string | undefined): Player | undefined {
  const value = signed ? unsign(signed) : undefined;
  if (!value) return undefined;
  const [kind, id] = value.split(':', 2);
  if (!id || !ID_PATTERN.test(id) || (kind !== 'anon' && kind !== 'link')) return undefined;
  return { key: value };
}

/** The customer record behind a player, for gifts by segment and spend tier. */
export async function customerLink(slug: string, player: Player, storage: Storage): Promise<LinkRecord | undefined> {
  if (player.link) return player.link;
  if (!player.key.startsWith('link:')) return undefined;
  return storage.links.byToken(slug, player.key.slice('link:'.length));
}

function remember(cookies: CookieJar, slug: string, key: PlayerKey, secure: boolean): void {
  cookies.set(cookieName(slug), sign(key), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 60 * 60 * 24 * 365,
  });
}
