import type { FontFamily } from '../../share/fonts.ts';

/** The families a project can pick (`branding.font`) and the weights pages use: body text and headings. */
export const PAGE_FONT_FAMILIES: readonly FontFamily[] = ['pt-sans', 'pt-serif'];
export const PAGE_FONT_WEIGHTS = [400, 700] as const;
