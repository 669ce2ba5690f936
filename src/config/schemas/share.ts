import { z } from 'zod';
import { assetPath, color, text } from './common.ts';

/** A two-colour linear gradient, drawn diagonally from the top-left corner. */
export const shareGradientSchema = z.strictObject({
  gradient: z.tuple([color, color]).meta({
    description: 'Two colours of a linear gradient, drawn diagonally from the top-left corner.',
    examples: [['#e30613', '#7a0a12']],
  }),
});

/**
 * How the share image is laid out. Every field is optional: from branding alone the card gets
 * a brand gradient, the logo (or the brand name) on top and the text centred in brand colours.
 */
export const shareImageSchema = z
  .strictObject({
    /** A picture from the project folder or a gradient; omitted, a gradient of the primary colour. */
    background: z
      .union([assetPath, shareGradientSchema])
      .optional()
      .meta({
        description:
          'A picture from the project folder (PNG, JPEG or SVG, cropped to fill the card) or a gradient. ' +
          'Omitted: a gradient from branding.colors.primary to a darker shade of it.',
        examples: ['assets/share-bg.jpg', { gradient: ['#0b3d2e', '#14532d'] }],
      }),
    /** How much to darken a background picture so white text stays readable. */
    scrim: z
      .number()
      .min(0)
      .max(0.8)
      .optional()
      .meta({
        description:
          'How much to darken a background picture so white text stays readable, from 0 (not at all) to 0.8. ' +
          'Omitted: 0.45 over a picture, 0 over a gradient.',
        examples: [0.45],
      }),
    /** Colour of every text on the card. */
    textColor: color
      .optional()
      .meta({ description: 'Colour of every text on the card. Omitted: branding.colors.onPrimary.', examples: ['#ffffff'] }),
    /** Where the text block sits vertically. */
    align: z
      .enum(['top', 'center', 'bottom'])
      .default('center')
      .meta({ description: 'Where the text block sits vertically.', examples: ['center'] }),
    /** How text lines are aligned. */
    textAlign: z
      .enum(['left', 'center'])
      .default('center')
      .meta({ description: 'How text lines are aligned.', examples: ['left'] }),
    /** Show the logo in the top corner. */
    showLogo: z
      .boolean()
      .default(true)
      .meta({
        description: 'Show branding.logo in the top corner (or the brand name, when there is no logo file).',
        examples: [false],
      }),
    /** A short line above the result. */
    kicker: text(80)
      .optional()
      .meta({ description: 'A short line above the result, e.g. the project’s name.', examples: ['Новогодние традиции · Hoff'] }),
  })
  .meta({ description: 'The share image’s layout; every field is optional, defaults give a branded card.' });

/** Texts of the share page and the share buttons, and the look of the share image. */
export const shareSchema = z.strictObject({
  /** og:title of the share page, with `{title}` and `{score}`. */
  title: text(120).meta({
    description:
      'Title of the share page and of the link preview in messengers (og:title). {title} is replaced by the player’s ' +
      'result title (or the card’s headline), {score} by their score such as «5 из 6».',
    examples: ['{title}', 'Мой результат: {score}'],
  }),
  /** og:description. */
  description: text(300).meta({
    description: 'Text of the link preview under the title (og:description), the same for every player: no placeholders.',
    examples: ['Проверьте, верите ли вы в новогодние традиции разных стран.'],
  }),
  /** Call to action on the share page. */
  callToAction: text(60).meta({ description: 'Button on the share page that invites a friend to play.', examples: ['Сыграть самому'] }),
  image: shareImageSchema.prefault({}),
});

export type ShareConfig = z.output<typeof shareSchema>;
export type ShareImageLayout = z.output<typeof shareImageSchema>;
