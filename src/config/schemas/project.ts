import { z } from 'zod';
import { assetPath, color, dateOrDateTime, localeSchema, text } from './common.ts';
import { giftSchema } from './gift.ts';
import { shareSchema } from './share.ts';

/** Colours, logo, images and font of the microsite and its share images. */
export const brandingSchema = z.strictObject({
  /** The shop's name as players know it, e.g. Hoff. */
  brandName: text(60),
  colors: z
    .strictObject({
      /** Buttons and highlights. */
      primary: color.default('#e30613'),
      /** Text on primary-coloured buttons. */
      onPrimary: color.default('#ffffff'),
      /** Page background. */
      background: color.default('#fff8f0'),
      /** Body text. */
      text: color.default('#1d1d1b'),
      /** Cards and panels on the background. */
      surface: color.default('#ffffff'),
    })
    .prefault({}),
  /** Logo file (SVG or PNG), shown on every page and on share images. */
  logo: assetPath.optional(),
  /** Large picture on the intro screen. */
  heroImage: assetPath.optional(),
  /** Bundled font family for pages and share images. */
  font: z.enum(['pt-sans', 'pt-serif']).default('pt-sans'),
});

/**
 * When the project runs. Before `startsAt` players see the teaser; after `endsAt` the closing
 * page, where those who completed can still reach their gift.
 */
export const scheduleSchema = z.strictObject({
  startsAt: dateOrDateTime.optional(),
  endsAt: dateOrDateTime.optional(),
  /** IANA time zone for dates without a time, e.g. Europe/Moscow. */
  timezone: z.string().default('Europe/Moscow'),
});

const screenCopy = z.strictObject({
  title: text(200),
  text: text(2000).optional(),
});

/** The first screen. `{name}` in `titleWithName` is replaced by the customer's name. */
export const introSchema = z.strictObject({
  /** @example 2020 почти всё... Веришь? */
  title: text(200),
  /** Used when the customer's name is known. @example {name}, 2020 почти всё... Веришь? */
  titleWithName: text(200)
    .refine((value) => value.includes('{name}'), { message: 'must contain {name}' })
    .optional(),
  text: text(2000).optional(),
  /** @example Играю */
  startButton: text(40),
});

/** A spend tier, e.g. VIP for total spend over 50 000 ₽. Tiers are checked in order. */
export const tierSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, { message: 'expected a short id like vip' }),
  /** Lower bound of total spend, inclusive. */
  minSpend: z.number().nonnegative().default(0),
  /** Upper bound, exclusive; omit for the top tier. */
  maxSpend: z.number().positive().optional(),
});

/** A gift for one segment or spend tier; the first matching rule wins, else `gift`. */
export const giftRuleSchema = z.strictObject({
  when: z
    .strictObject({ segment: z.string().optional(), tier: z.string().optional() })
    .refine((w) => w.segment !== undefined || w.tier !== undefined, {
      message: 'name a segment or a tier',
    }),
  gift: giftSchema,
});

/** How reactivation is counted for this project. */
export const reactivationSchema = z.strictObject({
  /** Forecast of reactivated people, the number the report compares with. @example 21659 */
  forecast: z.number().int().nonnegative(),
  /** When the mailing went out; the attribution window starts here unless `from` is first-visit. */
  sentAt: dateOrDateTime.optional(),
  /** Attribution window length in days. */
  windowDays: z.number().int().positive().max(365).default(30),
  /** Start of the window: the send date, or each customer's first visit. */
  from: z.enum(['send', 'first-visit']).default('send'),
  /** What counts as coming back: a purchase (default) or taking part in the project. */
  counts: z.enum(['purchase', 'participation']).default('purchase'),
  /** Share of each import held out as the control group. */
  controlShare: z.number().min(0).max(0.5).default(0.1),
});

/** Fields every project has, whatever its mechanic. */
export const projectBaseShape = {
  /** URL name of the project; must equal the folder name. @example new-year-traditions */
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
      message: 'expected lowercase letters, digits and dashes, like new-year-traditions',
    }),
  locale: localeSchema.default('ru'),
  /** Page title and the project's name in the dashboard. */
  title: text(120),
  schedule: scheduleSchema.prefault({}),
  branding: brandingSchema,
  intro: introSchema,
  /** Shown before `schedule.startsAt`. */
  teaser: screenCopy.optional(),
  /** Shown after `schedule.endsAt`. */
  closing: screenCopy.optional(),
  /** The default gift, unlocked on completion. */
  gift: giftSchema,
  /** Gifts by segment or spend tier. */
  giftRules: z.array(giftRuleSchema).default([]),
  tiers: z.array(tierSchema).default([]),
  share: shareSchema,
  reactivation: reactivationSchema,
};
