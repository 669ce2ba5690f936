/**
 * Picks font sizes so the result block fits its box before satori lays it out. Satori cannot
 * shrink text to fit, and a layout pass per candidate size would cost a full render each, so
 * lines are estimated from the font's advance widths. The estimate errs on the wide side
 * (no kerning, emoji counted wider than drawn, a width margin), so satori's real wrapping never
 * needs more lines than planned; `lineClamp` and `overflow: hidden` in the layout are the
 * last guard.
 */

/** Advance width of each code point in em, for one weight. */
export type AdvanceTable = ReadonlyMap<number, number>;

export interface TextStyleRange {
  /** Font size in px at scale 1. */
  max: number;
  /** Font size in px below which the text is clamped instead of shrunk further. */
  min: number;
  lineHeight: number;
  advances: AdvanceTable;
}

export interface FitBlock {
  id: string;
  text: string;
  style: TextStyleRange;
}

export interface FittedBlock {
  id: string;
  fontSize: number;
  /** Lines the text takes at `fontSize`, after clamping. */
  lines: number;
  /** True when the text did not fit even at the minimum size and is cut to `lines`. */
  clamped: boolean;
}

export interface FitBox {
  width: number;
  height: number;
  /** Vertical space between blocks, in px at scale 1 (it shrinks with the text). */
  gap: number;
}

const WIDTH_SAFETY = 0.94;
const EMOJI_EM = 1.25;
const UNKNOWN_CHAR_EM = 0.65;
const SCALE_STEP = 0.94;
const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Width of `text` in em. */
export function measureEm(text: string, advances: AdvanceTable): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (EXTENDED_PICTOGRAPHIC.test(segment)) {
      width += EMOJI_EM;
      continue;
    }
    width += advances.get(segment.codePointAt(0)!) ?? UNKNOWN_CHAR_EM;
  }
  return width;
}

/**
 * How many lines `text` wraps to in `widthEm` (the box width divided by the font size):
 * greedy, breaking at spaces, and inside a word only when the word alone is wider than a line
 * (as `overflow-wrap: break-word` does).
 */
export function countLines(text: string, widthEm: number, advances: AdvanceTable): number {
  const spaceEm = advances.get(0x20) ?? 0.25;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let lineEm = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordEm = measureEm(word, advances);
      const needed = lineEm === 0 ? wordEm : lineEm + spaceEm + wordEm;
      if (needed <= widthEm) {
        lineEm = needed;
        continue;
      }
      if (lineEm > 0) lines += 1;
      if (wordEm <= widthEm) {
        lineEm = wordEm;
        continue;
      }
      const broken = breakLongWord(word, widthEm, advances);
      lines += broken.extraLines;
      lineEm = broken.lastLineEm;
    }
  }
  return lines;
}

function breakLongWord(word: string, widthEm: number, advances: AdvanceTable): { extraLines: number; lastLineEm: number } {
  let extraLines = 0;
  let lineEm = 0;
  for (const { segment } of graphemes.segment(word)) {
    const charEm = measureEm(segment, advances);
    if (lineEm > 0 && lineEm + charEm > widthEm) {
      extraLines += 1;
      lineEm = 0;
    }
    lineEm += charEm;
  }
  return { extraLines, lastLineEm: lineEm };
}

/**
 * Scales every block down together (keeping their proportions) until the stack fits the box.
 * A block never goes below its `min` size; if the stack is still too tall there, the blocks
 * keep the minimum size and the last ones are clamped to the lines that fit.
 */
export function fitBlocks(blocks: readonly FitBlock[], box: FitBox): FittedBlock[] {
  const usableWidth = box.width * WIDTH_SAFETY;
  for (let scale = 1; scale > 0.2; scale *= SCALE_STEP) {
    const sized = blocks.map((block) => sizeBlock(block, scale, usableWidth));
    if (stackHeight(sized, blocks, box.gap * scale) <= box.height) return sized;
    if (sized.every((block, index) => block.fontSize === blocks[index]!.style.min)) break;
  }
  return clampAtMinimum(blocks, box, usableWidth);
}

function sizeBlock(block: FitBlock, scale: number, width: number): FittedBlock {
  const fontSize = Math.max(block.style.min, Math.floor(block.style.max * scale));
  const lines = countLines(block.text, width / fontSize, block.style.advances);
  return { id: block.id, fontSize, lines, clamped: false };
}

function blockHeight(fitted: FittedBlock, block: FitBlock): number {
  return Math.ceil(fitted.lines * fitted.fontSize * block.style.lineHeight);
}

function stackHeight(fitted: readonly FittedBlock[], blocks: readonly FitBlock[], gap: number): number {
  const content = fitted.reduce((sum, item, index) => sum + blockHeight(item, blocks[index]!), 0);
  return content + gap * Math.max(0, fitted.length - 1);
}

function clampAtMinimum(blocks: readonly FitBlock[], box: FitBox, width: number): FittedBlock[] {
  const gap = box.gap * (blocks[0] ? blocks[0].style.min / blocks[0].style.max : 1);
  let remaining = box.height;
  return blocks.map((block, index) => {
    const sized = sizeBlock(block, 0, width);
    if (index > 0) remaining -= gap;
    const lineHeightPx = sized.fontSize * block.style.lineHeight;
    const fitting = Math.max(1, Math.floor(remaining / lineHeightPx));
    const lines = Math.min(sized.lines, fitting);
    remaining -= Math.ceil(lines * lineHeightPx);
    return { ...sized, lines, clamped: lines < sized.lines };
  });
}
