import type { z } from 'zod';
import type { GiftConfig } from '../config/schemas/gift.ts';
import type { giftRuleSchema, tierSchema } from '../config/schemas/project.ts';

export type Tier = z.output<typeof tierSchema>;
export type GiftRule = z.output<typeof giftRuleSchema>;

/** The parts of a project config the gifts need; a resolved ProjectConfig satisfies it. */
export interface GiftProjectConfig {
  locale: 'ru' | 'en';
  branding: { brandName: string; colors: { primary: string; text: string }; font?: 'pt-sans' | 'pt-serif' };
  gift: GiftConfig;
  giftRules: GiftRule[];
  tiers: Tier[];
  /** A/B arms, each of which may replace the default gift. */
  variants?: readonly { id: string; gift?: GiftConfig }[];
}

/**
 * The parts of a loaded project the gifts need; src/config/load.ts's LoadedProject satisfies it.
 * Kept structural so the gifts depend on the config's shape, not on the loader module.
 */
export interface GiftProject {
  slug: string;
  /** Absolute project folder; every gift asset path is relative to it. */
  dir: string;
  config: GiftProjectConfig;
}

/** What the gift rules know about a customer: both come from the personal link import. */
export interface GiftCustomer {
  segment?: string;
  spend?: number;
  /** The customer's A/B arm, whose gift replaces the default one. */
  arm?: string;
}

/** A problem in a project's gift assets, reported by `npm run validate`; a config ProjectProblem. */
export interface GiftAssetProblem {
  /** The file at fault, relative to the working directory when inside it. */
  file: string;
  /** Field path inside project.yaml (e.g. `giftRules.0.gift.pool`), or '' for problems inside an asset file. */
  path: string;
  line?: number;
  message: string;
}

interface GiftViewCopy {
  title: string;
  description?: string;
}

export interface BookletPageView {
  title: string;
  /** Rendered Markdown; the author's raw HTML is escaped, so it is safe to insert. */
  html: string;
}

export interface BookletGiftView extends GiftViewCopy {
  kind: 'booklet';
  pages: BookletPageView[];
  pdfUrl: string;
  pdfFileName: string;
}

export type PromoCodeGiftView = GiftViewCopy & { kind: 'promo-code' } & (
    | { code: string; howToUse?: string }
    /** Every code of the pool is taken: the author's consolation message instead. */
    | { code?: undefined; fallback: { title: string; text: string } }
  );

export interface FileGiftView extends GiftViewCopy {
  kind: 'file';
  url: string;
  fileName: string;
  buttonLabel?: string;
}

export interface LinkGiftView extends GiftViewCopy {
  kind: 'link';
  url: string;
  /** The author's button label; the panel uses its own localised label when absent. */
  label?: string;
}

/** The gift as JSON for the browser (`GET /api/<slug>/gift`). */
export type GiftView = BookletGiftView | PromoCodeGiftView | FileGiftView | LinkGiftView;
