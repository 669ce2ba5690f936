import type { Block, Run, TextRole } from './blocks.ts';
import { fontFaces, textPieces, type FontFamily, type FontFace, type FontStyle } from './fonts.ts';

export type LineItem =
  | { kind: 'text'; x: number; baseline: number; size: number; face: FontFace; text: string; role: TextRole }
  | { kind: 'image'; x: number; width: number; height: number; path: string }
  | { kind: 'rule'; x: number; width: number };

/** One row of the page: `items` are placed relative to the row's top-left corner. */
export interface Line {
  height: number;
  /** Space above the row, dropped when the row starts a page. */
  gapBefore: number;
  items: LineItem[];
}

export interface LayoutFrame {
  width: number;
  height: number;
  family: FontFamily;
  /** Multiplies every size and gap: a long page shrinks to fit rather than spill over. */
  scale: number;
  /** Natural size in points of each embedded image, by project path. */
  imageSize(path: string): { width: number; height: number } | undefined;
}

const LEVEL_INDENT = 18;
const LINE_HEIGHT = 1.32;
const IMAGE_MAX_HEIGHT_SHARE = 0.45;

/** A word, possibly in several styles (`**Куба**,`), measured as it will be drawn. */
interface Word {
  parts: { style: FontStyle; text: string }[];
  width: number;
}

export function layoutBlocks(blocks: readonly Block[], frame: LayoutFrame): Line[] {
  return blocks.flatMap((block): Line[] => {
    const gapBefore = block.gapBefore * frame.scale;
    if (block.kind === 'rule') {
      return [{ height: 8 * frame.scale, gapBefore, items: [{ kind: 'rule', x: 0, width: frame.width }] }];
    }
    const indent = block.level * LEVEL_INDENT * frame.scale;
    if (block.kind === 'image') return imageLines(block.path, indent, gapBefore, frame);
    return textLines(block, indent, gapBefore, frame);
  });
}

/** Lines stacked top to bottom: the height they take when none starts a page. */
export function heightOf(lines: readonly Line[]): number {
  return lines.reduce((sum, line, index) => sum + line.height + (index === 0 ? 0 : line.gapBefore), 0);
}

function imageLines(path: string, indent: number, gapBefore: number, frame: LayoutFrame): Line[] {
  const natural = frame.imageSize(path);
  if (!natural) return [];
  const maxWidth = frame.width - indent;
  const maxHeight = frame.height * IMAGE_MAX_HEIGHT_SHARE * frame.scale;
  const ratio = Math.min(1, maxWidth / natural.width, maxHeight / natural.height);
  const width = natural.width * ratio;
  const height = natural.height * ratio;
  return [{ height, gapBefore, items: [{ kind: 'image', x: indent + (maxWidth - width) / 2, width, height, path }] }];
}

function textLines(block: Extract<Block, { kind: 'text' }>, indent: number, gapBefore: number, frame: LayoutFrame): Line[] {
  const size = block.size * frame.scale;
  const measure = (style: FontStyle, text: string) =>
    textPieces(text, fontFaces(frame.family, style)).reduce((sum, piece) => sum + piece.width * size, 0);
  const maxWidth = frame.width - indent;
  const rows = breakIntoRows(block.runs, maxWidth, measure);
  const spaceWidth = measure('regular', ' ');
  const baseline = size * 1.02;

  return rows.map((row, rowIndex) => {
    const items: LineItem[] = [];
    let x = indent;
    const place = (style: FontStyle, text: string) => {
      for (const piece of textPieces(text, fontFaces(frame.family, style))) {
        items.push({ kind: 'text', x, baseline, size, face: piece.face, text: piece.text, role: block.role });
        x += piece.width * size;
      }
    };
    if (rowIndex === 0 && block.marker) {
      const markerX = indent - measure('regular', block.marker) - spaceWidth;
      x = markerX;
      place('regular', block.marker);
      x = indent;
    }
    row.forEach((word, wordIndex) => {
      if (wordIndex > 0) x += spaceWidth;
      for (const part of word.parts) place(part.style, part.text);
    });
    return { height: size * LINE_HEIGHT, gapBefore: rowIndex === 0 ? gapBefore : 0, items };
  });
}

/** Greedy line filling; a word longer than the line (a long URL) is cut where it overflows. */
function breakIntoRows(runs: readonly Run[], maxWidth: number, measure: (style: FontStyle, text: string) => number): Word[][] {
  const rows: Word[][] = [[]];
  let rowWidth = 0;
  const spaceWidth = measure('regular', ' ');
  const newRow = () => {
    rows.push([]);
    rowWidth = 0;
  };
  for (const item of wordsOf(runs, measure)) {
    if (item === 'break') {
      newRow();
      continue;
    }
    for (const word of cutToWidth(item, maxWidth, measure)) {
      const row = rows.at(-1)!;
      const needed = (row.length > 0 ? spaceWidth : 0) + word.width;
      if (row.length > 0 && rowWidth + needed > maxWidth) {
        newRow();
        rows.at(-1)!.push(word);
        rowWidth = word.width;
      } else {
        row.push(word);
        rowWidth += needed;
      }
    }
  }
  return rows.filter((row, index) => row.length > 0 || index < rows.length - 1);
}

function wordsOf(runs: readonly Run[], measure: (style: FontStyle, text: string) => number): (Word | 'break')[] {
  const words: (Word | 'break')[] = [];
  let current: Word['parts'] = [];
  const endWord = () => {
    if (current.length === 0) return;
    const width = current.reduce((sum, part) => sum + measure(part.style, part.text), 0);
    words.push({ parts: current, width });
    current = [];
  };
  for (const run of runs) {
    for (const chunk of run.text.split(/(\n|[^\S\n\u00a0]+)/)) {
      if (chunk === '') continue;
      if (chunk === '\n') {
        endWord();
        words.push('break');
      } else if (/^[^\S\u00a0]+$/.test(chunk)) {
        endWord();
      } else {
        current.push({ style: run.style, text: chunk });
      }
    }
  }
  endWord();
  return words;
}

function cutToWidth(word: Word, maxWidth: number, measure: (style: FontStyle, text: string) => number): Word[] {
  if (word.width <= maxWidth) return [word];
  const pieces: Word[] = [];
  let current: Word = { parts: [], width: 0 };
  for (const part of word.parts) {
    for (const char of part.text) {
      const charWidth = measure(part.style, char);
      if (current.width + charWidth > maxWidth && current.parts.length > 0) {
        pieces.push(current);
        current = { parts: [], width: 0 };
      }
      const last = current.parts.at(-1);
      if (last?.style === part.style) last.text += char;
      else current.parts.push({ style: part.style, text: char });
      current.width += charWidth;
    }
  }
  if (current.parts.length > 0) pieces.push(current);
  return pieces;
}
