import type { ShareImageLayout } from '../config/schemas/share.ts';
import { fitBlocks, type FitBlock, type FittedBlock } from './fit.ts';
import type { LoadedFamily } from './fonts.ts';
import { SHARE_FORMATS, type ShareFormat } from './formats.ts';
import { shareImageStrings } from './strings.ts';
import type { ShareContent, ShareProject } from './types.ts';

/** A satori element: the JSX shape, written as plain objects so no React is needed. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, unknown>; children?: CardChild | CardChild[]; [attribute: string]: unknown };
}
/** Text only ever enters the card as a string child, which satori draws as glyphs, never parses. */
export type CardChild = CardNode | string;

/** Everything about a project's card that does not depend on the content; part of the cache key. */
export interface ResolvedLayout {
  background: { kind: 'image'; path: string } | { kind: 'gradient'; from: string; to: string };
  scrim: number;
  textColor: string;
  align: ShareImageLayout['align'];
  textAlign: ShareImageLayout['textAlign'];
  /** Logo file to show, or the brand name to write when there is none; undefined hides both. */
  mark: { kind: 'logo'; path: string } | { kind: 'wordmark'; text: string } | undefined;
  kicker: string | undefined;
  font: ShareProject['config']['branding']['font'];
  locale: ShareProject['config']['locale'];
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}){1,2}$/i;
const PHOTO_SCRIM = 0.45;

export function resolveLayout(project: ShareProject): ResolvedLayout {
  const { branding, share, locale } = project.config;
  const image = share.image;
  const primary = hexColor(branding.colors.primary, 'branding.colors.primary');
  const background: ResolvedLayout['background'] =
    typeof image.background === 'string'
      ? { kind: 'image', path: image.background }
      : image.background
        ? {
            kind: 'gradient',
            from: hexColor(image.background.gradient[0], 'share.image.background.gradient.0'),
            to: hexColor(image.background.gradient[1], 'share.image.background.gradient.1'),
          }
        : { kind: 'gradient', from: primary, to: darken(primary, 0.45) };
  return {
    background,
    scrim: image.scrim ?? (background.kind === 'image' ? PHOTO_SCRIM : 0),
    textColor: hexColor(image.textColor ?? branding.colors.onPrimary, 'share.image.textColor'),
    align: image.align,
    textAlign: image.textAlign,
    mark: !image.showLogo
      ? undefined
      : branding.logo
        ? { kind: 'logo', path: branding.logo }
        : { kind: 'wordmark', text: branding.brandName },
    kicker: image.kicker,
    font: branding.font,
    locale,
  };
}

function hexColor(value: string, field: string): string {
  if (!HEX_COLOR.test(value))
    throw new RangeError(`${field} of the share image is ${JSON.stringify(value)}: expected a hex colour like #e30613.`);
  return value;
}

/** Mixes a hex colour with black; `amount` 0 keeps it, 1 gives black. */
export function darken(hex: string, amount: number): string {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((digit) => digit + digit).join('') : hex.slice(1);
  const channels = [0, 2, 4].map((start) => Number.parseInt(digits.slice(start, start + 2), 16));
  return `#${channels
    .map((channel) =>
      Math.round(channel * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** A rectangle on the card, in px. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space between the card's edges and its column of logo and texts, in px. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Sizes in px for one format. Stories keep clear of the app's own bars at the top and bottom. */
interface Geometry {
  paddingX: number;
  paddingY: number;
  /**
   * A card with its own picture (a greeting's tulips) shows it edge to edge as the player saw it
   * above the text: on the left of a link preview, on top of a story. The texts take the rest.
   */
  pictured: { picture: Rect; padding: Padding };
  markHeight: number;
  markMaxWidth: number;
  markGap: number;
  gap: number;
  kicker: number;
  score: { max: number; min: number };
  title: { max: number; min: number };
  text: { max: number; min: number };
}

export const GEOMETRY: Record<ShareFormat, Geometry> = {
  og: {
    paddingX: 72,
    paddingY: 56,
    pictured: { picture: { x: 0, y: 0, width: 540, height: 630 }, padding: { top: 56, right: 64, bottom: 56, left: 540 + 64 } },
    markHeight: 52,
    markMaxWidth: 280,
    markGap: 24,
    gap: 18,
    kicker: 26,
    score: { max: 112, min: 56 },
    title: { max: 64, min: 28 },
    text: { max: 32, min: 18 },
  },
  story: {
    paddingX: 88,
    paddingY: 150,
    pictured: { picture: { x: 0, y: 0, width: 1080, height: 800 }, padding: { top: 800 + 72, right: 88, bottom: 150, left: 88 } },
    markHeight: 88,
    markMaxWidth: 440,
    markGap: 56,
    gap: 36,
    kicker: 40,
    score: { max: 240, min: 120 },
    title: { max: 104, min: 46 },
    text: { max: 52, min: 30 },
  },
};

const LINE_HEIGHT = { kicker: 1.25, score: 1.0, title: 1.15, text: 1.35 } as const;
const MARK_PADDING = 0.22;

/** Where a card's own picture goes and the padding of the texts beside it; no picture, no area. */
export interface CardFrame {
  picture: Rect | undefined;
  padding: Padding;
}

export function cardFrame(format: ShareFormat, content: Pick<ShareContent, 'image'>): CardFrame {
  const geometry = GEOMETRY[format];
  if (content.image !== undefined) return geometry.pictured;
  const { paddingX, paddingY } = geometry;
  return { picture: undefined, padding: { top: paddingY, right: paddingX, bottom: paddingY, left: paddingX } };
}

/** The column of logo and texts: the card inside the frame's padding. */
function columnWidth(format: ShareFormat, frame: CardFrame): number {
  return SHARE_FORMATS[format].width - frame.padding.left - frame.padding.right;
}

/** The box the result text must fit: the column minus the logo row. */
export function textBox(
  layout: ResolvedLayout,
  format: ShareFormat,
  frame: CardFrame = cardFrame(format, {}),
): { width: number; height: number } {
  const geometry = GEOMETRY[format];
  const { top, bottom } = frame.padding;
  const markRow = layout.mark ? markBoxHeight(geometry) + geometry.markGap : 0;
  return { width: columnWidth(format, frame), height: SHARE_FORMATS[format].height - top - bottom - markRow };
}

function markBoxHeight(geometry: Geometry): number {
  return Math.round(geometry.markHeight * (1 + 2 * MARK_PADDING));
}

/** Sizes every text of the card so the stack fits its box (see fit.ts). */
export function fitContent(layout: ResolvedLayout, format: ShareFormat, content: ShareContent, family: LoadedFamily): FittedBlock[] {
  const geometry = GEOMETRY[format];
  const regular = family.advances[400];
  const bold = family.advances[700];
  const blocks: FitBlock[] = [];
  if (layout.kicker) {
    const size = geometry.kicker;
    blocks.push({ id: 'kicker', text: layout.kicker, style: { max: size, min: size, lineHeight: LINE_HEIGHT.kicker, advances: bold } });
  }
  if (content.score) {
    blocks.push({
      id: 'score',
      text: scoreLine(layout, content.score),
      style: { ...geometry.score, lineHeight: LINE_HEIGHT.score, advances: bold },
    });
  }
  blocks.push({ id: 'title', text: content.title, style: { ...geometry.title, lineHeight: LINE_HEIGHT.title, advances: bold } });
  if (content.text) {
    blocks.push({ id: 'text', text: content.text, style: { ...geometry.text, lineHeight: LINE_HEIGHT.text, advances: regular } });
  }
  return fitBlocks(blocks, { ...textBox(layout, format, cardFrame(format, content)), gap: geometry.gap });
}

function scoreLine(layout: ResolvedLayout, score: { value: number; of: number }): string {
  return shareImageStrings(layout.locale).score(score.value, score.of);
}

/** Where the logo sits on the card; drawn by the SVG wrapper, not by satori (see render.ts). */
export interface LogoPlacement {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The logo's white pill: the logo plus padding, as wide as the logo needs. */
function pillSize(geometry: Geometry, logo: { width: number; height: number }): { width: number; height: number; padding: number } {
  const height = markBoxHeight(geometry);
  const padding = Math.round(geometry.markHeight * MARK_PADDING * 1.6);
  return { width: logo.width + 2 * padding, height, padding };
}

export function logoPlacement(
  layout: ResolvedLayout,
  format: ShareFormat,
  frame: CardFrame,
  logo: { width: number; height: number },
): LogoPlacement {
  const geometry = GEOMETRY[format];
  const pill = pillSize(geometry, logo);
  const { left, top } = frame.padding;
  const centred = left + Math.round((columnWidth(format, frame) - pill.width) / 2);
  return {
    x: (layout.textAlign === 'center' ? centred : left) + pill.padding,
    y: top + Math.round((pill.height - logo.height) / 2),
    width: logo.width,
    height: logo.height,
  };
}

/**
 * The satori element tree of the card's foreground: texts and the logo's pill, on a transparent
 * canvas. Pictures (background, the card's own picture, logo) are not satori images: satori
 * wraps every image in an SVG mask, which makes librsvg render offscreen and doubles the time of
 * a whole card. The frame's padding leaves the picture's area empty for render.ts to fill.
 */
export function cardTree(
  layout: ResolvedLayout,
  format: ShareFormat,
  content: ShareContent,
  family: LoadedFamily,
  logo: { width: number; height: number } | undefined,
): CardNode {
  const size = SHARE_FORMATS[format];
  const geometry = GEOMETRY[format];
  const frame = cardFrame(format, content);
  const fitted = fitContent(layout, format, content, family);
  const box = textBox(layout, format, frame);
  const texts: Record<string, string | undefined> = {
    kicker: layout.kicker,
    score: content.score && scoreLine(layout, content.score),
    title: content.title,
    text: content.text,
  };
  const textBlocks = fitted.map((block, index) =>
    textNode(texts[block.id]!, block, LINE_HEIGHT[block.id as keyof typeof LINE_HEIGHT], {
      fontWeight: block.id === 'text' ? 400 : 700,
      marginTop: index === 0 ? 0 : Math.round(geometry.gap * (block.fontSize / blockMax(block.id, geometry))),
      opacity: block.id === 'kicker' ? 0.85 : 1,
    }),
  );
  const column: CardChild[] = [];
  const mark = markNode(layout, geometry, logo);
  if (mark) column.push(mark);
  // No overflow: hidden here: satori would mask every line. fitContent and lineClamp keep the text inside.
  column.push(
    element(
      'div',
      {
        display: 'flex',
        flexDirection: 'column',
        width: box.width,
        height: box.height,
        justifyContent: { top: 'flex-start', center: 'center', bottom: 'flex-end' }[layout.align],
        alignItems: layout.textAlign === 'center' ? 'center' : 'flex-start',
        textAlign: layout.textAlign,
      },
      textBlocks,
    ),
  );
  return element(
    'div',
    {
      display: 'flex',
      flexDirection: 'column',
      alignItems: layout.textAlign === 'center' ? 'center' : 'flex-start',
      boxSizing: 'border-box',
      width: size.width,
      height: size.height,
      padding: `${frame.padding.top}px ${frame.padding.right}px ${frame.padding.bottom}px ${frame.padding.left}px`,
      gap: geometry.markGap,
      color: layout.textColor,
      fontFamily: family.fontFamily,
    },
    column,
  );
}

function blockMax(id: string, geometry: Geometry): number {
  if (id === 'kicker') return geometry.kicker;
  return geometry[id as 'score' | 'title' | 'text'].max;
}

function textNode(text: string, block: FittedBlock, lineHeight: number, style: Record<string, unknown>): CardNode {
  return element(
    'div',
    {
      display: 'block',
      lineClamp: block.lines,
      fontSize: block.fontSize,
      lineHeight,
      overflowWrap: 'break-word',
      maxWidth: '100%',
      ...style,
    },
    text,
  );
}

function markNode(layout: ResolvedLayout, geometry: Geometry, logo: { width: number; height: number } | undefined): CardNode | undefined {
  if (layout.mark?.kind === 'logo' && logo) {
    // A white pill keeps any logo readable on any background, as shops print logos on photos.
    const pill = pillSize(geometry, logo);
    return element('div', { width: pill.width, height: pill.height, borderRadius: pill.height / 2, backgroundColor: '#ffffff' });
  }
  if (layout.mark?.kind !== 'wordmark') return undefined;
  const wordmark = {
    display: 'block',
    lineClamp: 1,
    maxWidth: geometry.markMaxWidth * 2,
    fontWeight: 700,
    fontSize: Math.round(geometry.markHeight * 0.7),
    lineHeight: `${markBoxHeight(geometry)}px`,
  };
  return element('div', wordmark, layout.mark.text);
}

function element(type: string, style: Record<string, unknown>, children?: CardChild | CardChild[]): CardNode {
  return { type, props: { style, children } };
}
