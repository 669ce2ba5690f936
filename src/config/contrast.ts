import Color from 'colorjs.io';

/**
 * Brand colours against WCAG 2.1 AA: every pair a page draws text with must reach 4.5:1. The
 * validator reports a pair that does not; the muted colour (captions, hints) is mixed from the
 * text and background colours only as far as that ratio allows.
 */

export const MIN_TEXT_CONTRAST = 4.5;

export interface BrandColors {
  primary: string;
  onPrimary: string;
  background: string;
  text: string;
  surface: string;
}

type ColorName = keyof BrandColors;

/** Where a page draws text with a pair of brand colours; the validator words it in the language of messages. */
export type TextPlace = 'pageText' | 'cardText' | 'buttonLabels' | 'pageLinks' | 'cardLinks';

/** Text colour, what it is drawn on, and where a page does so. */
const TEXT_PAIRS: readonly { text: ColorName; on: ColorName; where: TextPlace }[] = [
  { text: 'text', on: 'background', where: 'pageText' },
  { text: 'text', on: 'surface', where: 'cardText' },
  { text: 'onPrimary', on: 'primary', where: 'buttonLabels' },
  { text: 'primary', on: 'background', where: 'pageLinks' },
  { text: 'primary', on: 'surface', where: 'cardLinks' },
];

export function contrastRatio(foreground: string, background: string): number {
  return new Color(foreground).contrast(new Color(background), 'WCAG21');
}

export interface ContrastProblem {
  /** The colour to change, under `branding.colors`. */
  field: ColorName;
  /** The colour it is drawn on. */
  on: ColorName;
  where: TextPlace;
  ratio: number;
}

/** The pairs below 4.5:1, among those whose two colours pass `wellFormed` (a malformed one has a problem of its own). */
export function brandContrastProblems(colors: BrandColors, wellFormed: (color: string) => boolean = () => true): ContrastProblem[] {
  return TEXT_PAIRS.flatMap(({ text, on, where }) => {
    if (!wellFormed(colors[text]) || !wellFormed(colors[on])) return [];
    const ratio = contrastRatio(colors[text], colors[on]);
    if (ratio >= MIN_TEXT_CONTRAST) return [];
    return [{ field: text, on, where, ratio }];
  });
}

/** How much of the background the muted colour mixes into the text at most: a softer grey reads as secondary. */
const MUTED_MIX = 0.38;
const MIX_STEP = 0.02;

/** Muted colours by brand colours: pages ask on every request, and mixing them was 5% of a personal page's CPU. */
const mutedByColors = new Map<string, string>();
/** Brand colours change only with a config edit; a bound keeps a long-running server's map small anyway. */
const MAX_REMEMBERED_COLORS = 256;

/**
 * Secondary text: the text colour softened toward the background, but never below 4.5:1 on the
 * background or on cards. Brand colours that fail the validator give plain text colour.
 */
export function mutedTextColor(colors: Pick<BrandColors, 'text' | 'background' | 'surface'>): string {
  const key = `${colors.text} ${colors.background} ${colors.surface}`;
  let muted = mutedByColors.get(key);
  if (muted === undefined) {
    muted = mixMutedTextColor(colors);
    if (mutedByColors.size >= MAX_REMEMBERED_COLORS) mutedByColors.clear();
    mutedByColors.set(key, muted);
  }
  return muted;
}

function mixMutedTextColor(colors: Pick<BrandColors, 'text' | 'background' | 'surface'>): string {
  for (let mix = MUTED_MIX; mix > 0; mix -= MIX_STEP) {
    const muted = Color.mix(colors.text, colors.background, mix, { space: 'srgb' }).toString({ format: 'hex' });
    if (contrastRatio(muted, colors.background) >= MIN_TEXT_CONTRAST && contrastRatio(muted, colors.surface) >= MIN_TEXT_CONTRAST)
      return muted;
  }
  return colors.text;
}
