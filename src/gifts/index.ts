/**
 * Gifts: what a player unlocks on completion. Booklets (Markdown pages, also as a PDF), promo
 * codes from a pool, downloadable files and links, chosen per customer by segment and spend tier.
 */
export { tierFor, giftFor } from './rules.ts';
export { loadBooklet, type Booklet, type BookletPage } from './booklet.ts';
export { bookletPdf } from './pdf/booklet-pdf.ts';
export { loadPromoPool, parsePromoPool, type PromoPool, type PoolProblem } from './promo.ts';
export { claimFromPool, openGift, type OpenGiftInput } from './open.ts';
export { giftFileFor, safeDownloadName, type GiftFile } from './file.ts';
export { checkGiftAssets } from './check.ts';
export type * from './types.ts';
