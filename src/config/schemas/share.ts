import { z } from 'zod';
import { assetPath, color, text } from './common.ts';

/** A two-colour linear gradient, drawn diagonally from the top-left corner. */
export const shareGradientSchema = z.strictObject({
  /** @example ['#e30613', '#7a0a12'] */
  gradient: z.tuple([color, color]),
});

/**
 * How the share image is laid out. Every field is optional: from branding alone the card gets
 * a brand gradient, the logo (or the brand name) on top and the text centred in brand colours.
 */
export const shareImageSchema = z.strictObject({
  /**
   * A picture from the project folder (PNG, JPEG or SVG, cropped to fill the card) or a gradient.
   * Omitted: a gradient from `branding.colors.primary` to a darker shade of it.
   * @example assets/share-bg.jpg
   * @example { gradient: ['#0b3d2e', '#14532d'] }
   */
  background: z.union([assetPath, shareGradientSchema]).optional(),
  /**
   * How much to darken a background picture so white text stays readable, from 0 (not at all)
   * to 0.8. Omitted: 0.45 over a picture, 0 over a gradient.
   */
  scrim: z.number().min(0).max(0.8).optional(),
  /** Colour of every text on the card. Omitted: `branding.colors.onPrimary`. @example #ffffff */
  textColor: color.optional(),
  /** Where the text block sits vertically. */
  align: z.enum(['top', 'center', 'bottom']).default('center'),
  /** How text lines are aligned. */
  textAlign: z.enum(['left', 'center']).default('center'),
  /** Show `branding.logo` in the top corner (or the brand name, when there is no logo file). */
  showLogo: z.boolean().default(true),
  /**
   * A short line above the result, e.g. the project's name.
   * @example Новогодние традиции · Hoff
   */
  kicker: text(80).optional(),
});

/** Texts of the share page and the share buttons, and the look of the share image. */
export const shareSchema = z.strictObject({
  /** og:title of the share page. `{title}` is the player's result title, `{score}` the score («5 из 6»). */
  title: text(120),
  /** og:description. */
  description: text(300),
  /** Call to action on the share page, e.g. «Сыграть самому». */
  callToAction: text(60),
  /** The share image's layout; defaults give a branded card. */
  image: shareImageSchema.prefault({}),
});

export type ShareConfig = z.output<typeof shareSchema>;
export type ShareImageLayout = z.output<typeof shareImageSchema>;
