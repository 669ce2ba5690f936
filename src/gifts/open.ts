import path from 'node:path';
import type { GiftConfig, PromoCodeGift } from '../config/schemas/gift.ts';
import type { PlayerKey, PromoStore, Storage } from '../storage/types.ts';
import { promoClaims } from '../server/metrics.ts';
import { loadBooklet } from './booklet.ts';
import { safeDownloadName } from './file.ts';
import { loadPromoPool } from './promo.ts';
import { giftFor } from './rules.ts';
import type { GiftCustomer, GiftProject, GiftView, PromoCodeGiftView } from './types.ts';

export interface OpenGiftInput {
  project: GiftProject;
  storage: Pick<Storage, 'promo'>;
  player: PlayerKey;
  /** The personal link's segment and spend; omitted for anonymous players. */
  customer?: GiftCustomer;
  /** The gift the play itself earned (a prize, a remedy), instead of the project's gift rules. */
  gift?: GiftConfig;
  /** A preview's opening: its codes are preview codes, kept out of the metrics. */
  preview?: boolean;
}

/**
 * The player's gift as the browser sees it. The caller checks that the play is complete first;
 * for a promo code this claims one, and repeats return the same code.
 */
export async function openGift({ project, storage, player, customer, gift: earned, preview }: OpenGiftInput): Promise<GiftView> {
  const gift = earned ?? giftFor(project.config, customer);
  if (gift.kind === 'promo-code') return claimPromoCode(project, storage, player, gift, preview);
  return sameForEveryoneView(project, gift);
}

/** Gifts that are the same for every player who gets them. */
async function sameForEveryoneView(project: GiftProject, gift: Exclude<GiftConfig, PromoCodeGift>): Promise<GiftView> {
  const copy = { title: gift.title, description: gift.description };
  switch (gift.kind) {
    case 'booklet': {
      const booklet = await loadBooklet(project, gift);
      return {
        kind: 'booklet',
        ...copy,
        pages: booklet.pages.map(({ title, html }) => ({ title, html })),
        pdfUrl: `/${project.slug}/gift/pdf`,
        pdfFileName: gift.pdfFileName,
      };
    }
    case 'file':
      return {
        kind: 'file',
        ...copy,
        url: `/${project.slug}/gift/file`,
        fileName: safeDownloadName(path.basename(gift.path)),
        buttonLabel: gift.buttonLabel,
      };
    case 'link':
      return { kind: 'link', ...copy, url: gift.url, label: gift.buttonLabel };
  }
}

async function claimPromoCode(
  project: GiftProject,
  storage: Pick<Storage, 'promo'>,
  player: PlayerKey,
  gift: PromoCodeGift,
  preview = false,
): Promise<PromoCodeGiftView> {
  const copy = { kind: 'promo-code' as const, title: gift.title, description: gift.description };
  const { codes } = await loadPromoPool(project, gift);
  const code = await claimFromPool(storage.promo, { project: project.slug, pool: gift.pool, player, codes });
  if (!preview) promoClaims.inc({ project: project.slug, pool: gift.pool, outcome: code === undefined ? 'fallback' : 'code' });
  if (code !== undefined) return { ...copy, code, howToUse: gift.howToUse };
  warnPoolExhausted(project.slug, gift.pool, player);
  return { ...copy, fallback: gift.fallback };
}

/**
 * Which code lists each store has been given. Callers pass the same array until the pool
 * changes (the parsed file is cached by version), so a pool is loaded once, not per claim.
 */
const loadedPools = new WeakMap<PromoStore, WeakMap<readonly string[], Promise<void>>>();

/** Claims one of `codes` for the player, loading the list into the store first if it has not seen it. */
export async function claimFromPool(
  store: PromoStore,
  claim: { project: string; pool: string; player: PlayerKey; codes: readonly string[] },
): Promise<string | undefined> {
  let loaded = loadedPools.get(store);
  if (!loaded) loadedPools.set(store, (loaded = new WeakMap()));
  let loading = loaded.get(claim.codes);
  if (!loading) {
    loading = store.load(claim.project, claim.pool, claim.codes);
    loaded.set(claim.codes, loading);
    // A failed load (the database away) is tried again by the next claim.
    loading.catch(() => loaded.delete(claim.codes));
  }
  await loading;
  return store.claim(claim.project, claim.pool, claim.player);
}

/** One JSON line for log collectors. The player's kind only: a token in a log would open their link. */
function warnPoolExhausted(project: string, pool: string, player: PlayerKey): void {
  const playerKind = player.slice(0, Math.max(0, player.indexOf(':'))) || 'unknown';
  console.warn(JSON.stringify({ level: 'warn', event: 'promo-pool-exhausted', project, pool, playerKind, at: new Date().toISOString() }));
}
