import { z } from 'zod';
import { cliMessages, schemaMessage } from '../../i18n/cli-messages.ts';
import { assetPath, color, dateOrDateTime, httpUrl, localeSchema, PROJECT_SLUG, text } from './common.ts';
import { brandContrastProblems, MIN_TEXT_CONTRAST, type BrandColors } from '../contrast.ts';
import { giftSchema } from './gift.ts';
import { shareSchema } from './share.ts';
import { variantsSchema } from './variant.ts';

const described = (description: string) => ({ description });

/** Text a player cannot read is a config error, reported at the colour to change. */
function reportLowContrast(colors: BrandColors, context: z.RefinementCtx<BrandColors>): void {
  const { lowContrast } = cliMessages().validator.schema;
  for (const { field, on, where, ratio } of brandContrastProblems(colors, (value) => color.safeParse(value).success)) {
    const message = lowContrast({
      text: field,
      textColor: colors[field],
      on,
      onColor: colors[on],
      where,
      ratio,
      minimum: MIN_TEXT_CONTRAST,
    });
    context.addIssue({ code: 'custom', path: [field], message, input: colors[field] });
  }
}

/** Colours, logo, images and font of the microsite and its share images. */
export const brandingSchema = z
  .strictObject({
    /** The shop's name as players know it, e.g. Hoff. */
    brandName: text(60).meta({ description: 'The shop’s name as players know it.', examples: ['Hoff'] }),
    colors: z
      .strictObject({
        /** Buttons and highlights. */
        primary: color.default('#e30613').meta({ description: 'Buttons and highlights.', examples: ['#e30613'] }),
        /** Text on primary-coloured buttons. */
        onPrimary: color.default('#ffffff').meta({ description: 'Text on primary-coloured buttons.', examples: ['#ffffff'] }),
        /** Page background. */
        background: color.default('#fff8f0').meta({ description: 'Page background.', examples: ['#fff8f0'] }),
        /** Body text. */
        text: color.default('#1d1d1b').meta({ description: 'Body text.', examples: ['#1d1d1b'] }),
        /** Cards and panels on the background. */
        surface: color.default('#ffffff').meta({ description: 'Cards and panels on the background.', examples: ['#ffffff'] }),
      })
      .superRefine(reportLowContrast)
      .prefault({})
      .meta(described('Colours of pages and share images; every one has a default.')),
    /** Logo file (SVG or PNG), shown on every page and on share images. */
    logo: assetPath
      .optional()
      .meta({ description: 'Logo file (SVG or PNG), shown on every page and on share images.', examples: ['assets/logo.svg'] }),
    /** Large picture on the intro screen. */
    heroImage: assetPath.optional().meta({ description: 'Large picture on the intro screen.', examples: ['assets/hero.jpg'] }),
    /** Bundled font family for pages and share images. */
    font: z
      .enum(['pt-sans', 'pt-serif'])
      .default('pt-sans')
      .meta({ description: 'Bundled font family for pages and share images.', examples: ['pt-serif'] }),
  })
  .meta(described('Colours, logo, images and font of the microsite and its share images.'));

/**
 * When the project runs. Before `startsAt` players see the teaser; after `endsAt` the closing
 * page, where those who completed can still reach their gift.
 */
export const scheduleSchema = z
  .strictObject({
    /** Before this moment players see the teaser. */
    startsAt: dateOrDateTime
      .optional()
      .meta({ description: 'Before this moment players see the teaser.', examples: ['2020-12-14', '2020-12-14T10:00:00+03:00'] }),
    /** After this moment players see the closing page; those who completed keep their gift. */
    endsAt: dateOrDateTime.optional().meta({
      description: 'After this moment players see the closing page; finished players keep their gift.',
      examples: ['2021-01-10'],
    }),
    /** IANA time zone for dates without a time, e.g. Europe/Moscow. */
    timezone: z
      .string()
      .default('Europe/Moscow')
      .meta({ description: 'IANA time zone for dates without a time.', examples: ['Europe/Moscow'] }),
  })
  .meta(described('When the project runs.'));

const screenCopy = z.strictObject({
  /** Heading of the screen. */
  title: text(200).meta({ description: 'Heading of the screen.', examples: ['Игра начнётся 14 декабря'] }),
  /** Text under the heading. */
  text: text(2000)
    .optional()
    .meta({ description: 'Text under the heading.', examples: ['Загляните сюда через пару дней.'] }),
});

/** The first screen. `{name}` in `titleWithName` is replaced by the customer's name. */
export const introSchema = z
  .strictObject({
    /** Heading of the first screen. */
    title: text(200).meta({
      description: 'Heading of the first screen.',
      examples: ['2020 почти всё... Веришь?'],
    }),
    /** Used instead of `title` when the customer's name is known. */
    titleWithName: text(200)
      .refine((value) => value.includes('{name}'), { error: schemaMessage((words) => words.containsName) })
      .optional()
      .meta({
        description: 'Used instead of title when the customer’s name is known; {name} is replaced by it.',
        examples: ['{name}, 2020 почти всё... Веришь?'],
      }),
    /** Text under the heading. */
    text: text(2000)
      .optional()
      .meta({ description: 'Text under the heading.', examples: ['Ответьте на шесть вопросов и получите подарок.'] }),
    /** Label of the button that starts the game. */
    startButton: text(40).meta({ description: 'Label of the button that starts the game.', examples: ['Играю'] }),
  })
  .meta(described('The first screen.'));

/** A spend tier, e.g. VIP for total spend over 50 000 ₽. Tiers are checked in order. */
export const tierSchema = z
  .strictObject({
    /** Short id of the tier, used by `giftRules[].when.tier`. */
    name: z
      .string()
      .regex(/^[a-z0-9-]+$/, { error: schemaMessage((words) => words.shortId('vip')) })
      .meta({ description: 'Short id of the tier, used by giftRules[].when.tier.', examples: ['vip'] }),
    /** Lower bound of total spend, inclusive. */
    minSpend: z
      .number()
      .nonnegative()
      .default(0)
      .meta({ description: 'Lower bound of total spend, inclusive.', examples: [50000] }),
    /** Upper bound, exclusive; omit for the top tier. */
    maxSpend: z
      .number()
      .positive()
      .optional()
      .meta({ description: 'Upper bound, exclusive; omit for the top tier.', examples: [3000] }),
  })
  .meta(described('A spend tier, e.g. VIP for total spend over 50 000 ₽. Tiers are checked in order.'));

/** A gift for one segment or spend tier; the first matching rule wins, else `gift`. */
export const giftRuleSchema = z
  .strictObject({
    /** Who gets this gift: a customer segment, a spend tier, or both. */
    when: z
      .strictObject({
        segment: z
          .string()
          .optional()
          .meta({ description: 'Segment from the customer import.', examples: ['sleeping'] }),
        tier: z
          .string()
          .optional()
          .meta({ description: 'Name of a tier from tiers.', examples: ['vip'] }),
      })
      .refine((w) => w.segment !== undefined || w.tier !== undefined, {
        error: schemaMessage((words) => words.segmentOrTier),
      })
      .meta({ description: 'Who gets this gift: a customer segment, a spend tier, or both.', examples: [{ tier: 'vip' }] }),
    gift: giftSchema.meta({ description: 'The gift for these customers instead of the default gift.' }),
  })
  .meta(described('A gift for one segment or spend tier; the first matching rule wins, else gift.'));

/** How reactivation is counted for this project. */
export const reactivationSchema = z
  .strictObject({
    /** Forecast of reactivated people, the number the report compares with. */
    forecast: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Forecast of reactivated people, the number the report compares with.', examples: [21659] }),
    /** When the mailing went out; the attribution window starts here unless `from` is first-visit. */
    sentAt: dateOrDateTime.optional().meta({
      description: 'When the mailing went out; the attribution window starts here unless from is first-visit.',
      examples: ['2020-12-14'],
    }),
    /**
     * Window length in calendar days of `schedule.timezone`, the send day counting as day 1: 30
     * days from 2020-12-14 count orders through 2021-01-12 23:59:59 local time.
     */
    windowDays: z
      .number()
      .int()
      .positive()
      .max(365)
      .default(30)
      .meta({ description: 'Window length in calendar days of schedule.timezone, the send day counting as day 1.', examples: [30] }),
    /**
     * Where the «attributed to the game» figure's window starts: the send date, or each visitor's
     * first visit. The lift against the control group always runs from the send date.
     */
    from: z
      .enum(['send', 'first-visit'])
      .default('send')
      .meta(
        described(
          'Start of the «attributed to the game» window: the send date, or each visitor’s first visit. The lift against the control group always runs from the send date.',
        ),
      ),
    /**
     * Share of these customers expected to come back within the window without any mailing (what
     * the control group should show), e.g. 0.02. With it, the import and the dashboard check that
     * the control group is large enough to detect the effect the forecast counts on.
     */
    baseRate: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .meta({
        description:
          'Share expected to come back without any mailing (the control group’s rate), e.g. 0.02; used to check that the control group can detect the forecast’s effect.',
        examples: [0.02],
      }),
    /** What counts as coming back: a purchase (default) or taking part in the project. */
    counts: z
      .enum(['purchase', 'participation'])
      .default('purchase')
      .meta({ description: 'What counts as coming back: a purchase, or taking part in the project.', examples: ['purchase'] }),
    /** Share of each import held out as the control group. */
    controlShare: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.1)
      .meta({ description: 'Share of each import held out as the control group, 0 to 0.5.', examples: [0.1] }),
  })
  .meta(described('How reactivation is counted for this project.'));

/** Events a project can report to the CRM by webhook. */
export const webhookEventSchema = z
  .enum(['complete', 'gift-open'])
  .meta(described('complete: the player finished the game; gift-open: the player opened the gift.'));

/**
 * An outgoing webhook: after a completion or a gift opening the CRM gets a signed POST, e.g. to
 * start a «completed but did not buy» chain. The secret stays in the server's environment.
 */
export const webhookSchema = z
  .strictObject({
    /**
     * Where the POST goes.
     * @example https://crm.example.com/hooks/rekindle
     */
    url: httpUrl.meta({ description: 'Where the POST goes.', examples: ['https://crm.example.com/hooks/rekindle'] }),
    /**
     * Name of the environment variable holding the HMAC secret; the secret itself never goes into
     * project.yaml. Deliveries wait, unsent, while the variable is unset.
     * @example REKINDLE_WEBHOOK_SECRET
     */
    secretEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,127}$/, {
        error: schemaMessage((words) => words.environmentVariable),
      })
      .meta({
        description: 'Name of the environment variable holding the HMAC secret; the secret itself never goes here.',
        examples: ['REKINDLE_WEBHOOK_SECRET'],
      }),
    /**
     * Which events are sent.
     * @example ['complete']
     */
    events: z
      .array(webhookEventSchema)
      .min(1, { error: schemaMessage((words) => words.webhookEvents) })
      .default(['complete', 'gift-open'])
      .meta({ description: 'Which events are sent; both by default.', examples: [['complete']] }),
  })
  .meta(described('Signed POST to the CRM after a completion or a gift opening, retried with backoff.'));

/** Fields every project has, whatever its mechanic. */
export const projectBaseShape = {
  /** URL name of the project; must equal the folder name. */
  slug: z
    .string()
    .regex(PROJECT_SLUG, {
      error: schemaMessage((words) => words.lowercaseId('new-year-traditions')),
    })
    .meta({ description: 'URL name of the project; must equal the folder name.', examples: ['new-year-traditions'] }),
  locale: localeSchema.default('ru'),
  /** Page title and the project's name in the dashboard. */
  title: text(120).meta({ description: 'Page title and the project’s name in the dashboard.', examples: ['Верю — не верю'] }),
  schedule: scheduleSchema.prefault({}),
  branding: brandingSchema,
  intro: introSchema,
  /** Shown before `schedule.startsAt`. */
  teaser: screenCopy.optional().meta(described('Shown before schedule.startsAt.')),
  /** Shown after `schedule.endsAt`. */
  closing: screenCopy.optional().meta(described('Shown after schedule.endsAt.')),
  /** The default gift, unlocked on completion. */
  gift: giftSchema.meta(described('The default gift, unlocked on completion.')),
  /** Gifts by segment or spend tier. */
  giftRules: z
    .array(giftRuleSchema)
    .default([])
    .meta({
      description: 'Gifts by segment or spend tier; the first matching rule wins, else gift.',
      examples: [
        [
          {
            when: { tier: 'vip' },
            gift: {
              kind: 'promo-code',
              title: 'Ваш подарок',
              pool: 'gifts/vip-codes.csv',
              fallback: { title: 'Коды закончились', text: 'Спасибо, что сыграли!' },
            },
          },
        ],
      ],
    }),
  /** Spend tiers that gift rules can name. */
  tiers: z
    .array(tierSchema)
    .default([])
    .meta({
      description: 'Spend tiers that gift rules can name, checked in order.',
      examples: [
        [
          { name: 'regular', maxSpend: 3000 },
          { name: 'vip', minSpend: 50000 },
        ],
      ],
    }),
  share: shareSchema.meta(described('Texts of the share page and the share buttons.')),
  reactivation: reactivationSchema,
  /** A/B arms: two to four intros or gifts of the same mechanic, split evenly per segment at import. */
  variants: variantsSchema.optional(),
  /** Signed POST to the CRM after a completion or a gift opening. */
  webhook: webhookSchema.optional(),
};
