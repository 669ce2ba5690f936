import type { Token, Tokens } from 'marked';
import { resolveBookletImage } from '../markdown.ts';
import type { FontStyle } from './fonts.ts';

/** A stretch of inline text in one style; `\n` is a hard line break. */
export interface Run {
  text: string;
  style: FontStyle;
}

export type TextRole = 'heading' | 'body' | 'muted';

/** What the PDF draws for one page, flattened from Markdown tokens. */
export type Block =
  | {
      kind: 'text';
      runs: Run[];
      /** Font size at scale 1, in points. */
      size: number;
      role: TextRole;
      /** Nesting depth of lists and quotes. */
      level: number;
      /** A list bullet or number drawn in the margin before the first line. */
      marker?: string;
      gapBefore: number;
    }
  | { kind: 'image'; path: string; level: number; gapBefore: number }
  | { kind: 'rule'; gapBefore: number };

const HEADING_SIZES = [22, 18, 15];
const BODY_SIZE = 12;
const PARAGRAPH_GAP = 8;

/** Flattens a page's Markdown tokens into blocks; `pagesDir` resolves relative images. */
export function blocksOf(tokens: readonly Token[], pagesDir: string, level = 0, style: FontStyle = 'regular'): Block[] {
  return tokens.flatMap((token) => blocksOfToken(token, pagesDir, level, style));
}

function blocksOfToken(token: Token, pagesDir: string, level: number, style: FontStyle): Block[] {
  switch (token.type) {
    case 'heading': {
      const { depth, tokens } = token as Tokens.Heading;
      const size = HEADING_SIZES[Math.min(depth, HEADING_SIZES.length) - 1] ?? BODY_SIZE;
      return inlineBlocks(tokens, pagesDir, { size, role: 'heading', level, gapBefore: size * 0.6 }, 'bold');
    }
    case 'paragraph':
    case 'text': {
      const inline = (token as Tokens.Paragraph | Tokens.Text).tokens ?? [token];
      return inlineBlocks(inline, pagesDir, { size: BODY_SIZE, role: 'body', level, gapBefore: PARAGRAPH_GAP }, style);
    }
    case 'list':
      return listBlocks(token as Tokens.List, pagesDir, level, style);
    case 'blockquote':
      return blocksOf((token as Tokens.Blockquote).tokens, pagesDir, level + 1, 'italic');
    case 'code':
      return [textBlock([{ text: (token as Tokens.Code).text, style: 'regular' }], 'muted', level)];
    case 'html':
      // Shown as written, like the escaped HTML in the browser.
      return [textBlock([{ text: decodeEntities((token as Tokens.HTML).text.trim()), style }], 'body', level)];
    case 'table':
      return tableBlocks(token as Tokens.Table, level);
    case 'hr':
      return [{ kind: 'rule', gapBefore: PARAGRAPH_GAP }];
    default:
      return [];
  }
}

function listBlocks(list: Tokens.List, pagesDir: string, level: number, style: FontStyle): Block[] {
  const start = typeof list.start === 'number' ? list.start : 1;
  return list.items.flatMap((item, index) => {
    const blocks = blocksOf(item.tokens, pagesDir, level + 1, style);
    const first = blocks[0];
    if (first?.kind === 'text') {
      blocks[0] = { ...first, marker: list.ordered ? `${start + index}.` : '•', gapBefore: index === 0 ? PARAGRAPH_GAP : 3 };
    }
    return blocks;
  });
}

function tableBlocks(table: Tokens.Table, level: number): Block[] {
  const row = (cells: Tokens.TableCell[], style: FontStyle) =>
    textBlock([{ text: cells.map((cell) => decodeEntities(cell.text)).join(' — '), style }], 'body', level, 3);
  return [row(table.header, 'bold'), ...table.rows.map((cells) => row(cells, 'regular'))];
}

function textBlock(runs: Run[], role: TextRole, level: number, gapBefore = PARAGRAPH_GAP): Block {
  return { kind: 'text', runs, size: BODY_SIZE, role, level, gapBefore };
}

type TextBlockLayout = { size: number; role: TextRole; level: number; gapBefore: number };

/** Inline tokens as text blocks, split around images, which get blocks of their own. */
function inlineBlocks(tokens: readonly Token[], pagesDir: string, layout: TextBlockLayout, style: FontStyle): Block[] {
  const blocks: Block[] = [];
  let runs: Run[] = [];
  const flushText = () => {
    if (runs.some((run) => run.text.trim() !== '')) blocks.push({ kind: 'text', runs, ...layout });
    runs = [];
  };
  const visit = (inline: readonly Token[], inlineStyle: FontStyle) => {
    for (const token of inline) {
      if (token.type === 'image') {
        flushText();
        const path = resolveBookletImage(pagesDir, (token as Tokens.Image).href);
        if (path) blocks.push({ kind: 'image', path, level: layout.level, gapBefore: PARAGRAPH_GAP });
        else runs.push({ text: (token as Tokens.Image).text, style: inlineStyle });
      } else if (token.type === 'br') {
        runs.push({ text: '\n', style: inlineStyle });
      } else if ('tokens' in token && token.tokens) {
        visit(token.tokens, styleWithin(token.type, inlineStyle));
      } else if ('text' in token) {
        runs.push({ text: decodeEntities(token.text), style: inlineStyle });
      }
    }
  };
  visit(tokens, style);
  flushText();
  return blocks;
}

function styleWithin(tokenType: string, outer: FontStyle): FontStyle {
  const bold = tokenType === 'strong' || outer === 'bold' || outer === 'boldItalic';
  const italic = tokenType === 'em' || outer === 'italic' || outer === 'boldItalic';
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  return italic ? 'italic' : 'regular';
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

/** Marked keeps entities as written (`&amp;`); the PDF draws the characters they stand for. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const codePoint = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}
