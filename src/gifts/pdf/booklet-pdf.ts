import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import sharp from 'sharp';
import type { BookletGift } from '../../config/schemas/gift.ts';
import { loadBooklet } from '../booklet.ts';
import type { GiftProject } from '../types.ts';
import { blocksOf, type Block, type TextRole } from './blocks.ts';
import { fontFaces, textPieces, type FontFace, type FontFamily } from './fonts.ts';
import { heightOf, layoutBlocks, type Line, type LayoutFrame } from './layout.ts';

/** A5 in points: prints on paper and reads on a phone without zooming. */
const PAGE = { width: 419.53, height: 595.28 };
const MARGIN = { x: 40, top: 64, bottom: 52 };
const CONTENT = { width: PAGE.width - 2 * MARGIN.x, height: PAGE.height - MARGIN.top - MARGIN.bottom };
/** Shrink steps tried so that each Markdown page fits one PDF page. */
const FIT_SCALES = [1, 0.9, 0.8, 0.72];
/** Images are embedded at most this many pixels on their long side, keeping the PDF small. */
const IMAGE_MAX_PIXELS = 1200;
const SMALL_PRINT_SIZE = 9;
const MUTED = rgb(0.45, 0.45, 0.45);

const cache = new Map<string, Promise<Uint8Array>>();

/** How the booklet looks, from the project's branding. */
interface PdfTheme {
  family: FontFamily;
  colors: Record<TextRole, RGB>;
  brandName: string;
  title: string;
}

/**
 * The booklet as a PDF: one A5 page per Markdown page (a page too long even at the smallest
 * scale continues on the next), with the brand name and booklet title on top and page numbers
 * below. Built once per project and gift per process.
 */
export function bookletPdf(project: GiftProject, gift: BookletGift): Promise<Uint8Array> {
  const key = `${project.dir}\0${gift.pages}`;
  let pdf = cache.get(key);
  if (!pdf) {
    pdf = buildBookletPdf(project, gift);
    pdf.catch(() => cache.delete(key));
    cache.set(key, pdf);
  }
  return pdf;
}

async function buildBookletPdf(project: GiftProject, gift: BookletGift): Promise<Uint8Array> {
  const booklet = await loadBooklet(project, gift);
  const { branding, locale } = project.config;
  const theme: PdfTheme = {
    family: branding.font ?? 'pt-sans',
    colors: { heading: hexToRgb(branding.colors.primary), body: hexToRgb(branding.colors.text), muted: MUTED },
    brandName: branding.brandName,
    title: gift.title,
  };

  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(gift.title);
  doc.setAuthor(branding.brandName);
  doc.setLanguage(locale === 'ru' ? 'ru-RU' : 'en');
  doc.setCreator('Rekindle');

  const blocksPerPage = booklet.pages.map((page) => blocksOf(page.tokens, booklet.dir));
  const images = await embedImages(doc, project.dir, blocksPerPage.flat());
  const frame = (scale: number): LayoutFrame => ({
    ...CONTENT,
    family: theme.family,
    scale,
    imageSize: (imagePath) => images.get(imagePath)?.size,
  });
  const pdfPages = blocksPerPage.flatMap((blocks) => paginate(fitToPage(blocks, frame)));
  const pageNumbers = pdfPages.map((_, index) => `${index + 1} / ${pdfPages.length}`);
  const fonts = await embedFonts(doc, [...facesOfLines(pdfPages.flat()), ...facesOfFrame(theme, pageNumbers)]);

  pdfPages.forEach((lines, index) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    drawLines(page, lines, { fonts, images, colors: theme.colors });
    drawPageFrame(page, theme, fonts, pageNumbers[index]!);
  });
  return doc.save();
}

/** Lays the page out at the largest scale that fits, or the smallest one if none does. */
function fitToPage(blocks: readonly Block[], frame: (scale: number) => LayoutFrame): Line[] {
  let lines: Line[] = [];
  for (const scale of FIT_SCALES) {
    lines = layoutBlocks(blocks, frame(scale));
    if (heightOf(lines) <= CONTENT.height) break;
  }
  return lines;
}

function paginate(lines: readonly Line[]): Line[][] {
  const pages: Line[][] = [[]];
  let used = 0;
  for (const line of lines) {
    const current = pages.at(-1)!;
    const needed = (current.length > 0 ? line.gapBefore : 0) + line.height;
    if (current.length > 0 && used + needed > CONTENT.height) {
      pages.push([line]);
      used = line.height;
    } else {
      current.push(line);
      used += needed;
    }
  }
  return pages;
}

interface EmbeddedImage {
  image: PDFImage;
  size: { width: number; height: number };
}

/**
 * Embeds every image the pages show, downscaled and re-encoded by sharp (which also reads WebP
 * and SVG, which pdf-lib cannot). An unreadable image is left out: `npm run validate` reports it.
 */
async function embedImages(doc: PDFDocument, projectDir: string, blocks: readonly Block[]): Promise<Map<string, EmbeddedImage>> {
  const paths = new Set(blocks.flatMap((block) => (block.kind === 'image' ? [block.path] : [])));
  const images = new Map<string, EmbeddedImage>();
  for (const imagePath of paths) {
    try {
      const source = sharp(path.join(projectDir, imagePath)).rotate().resize({
        width: IMAGE_MAX_PIXELS,
        height: IMAGE_MAX_PIXELS,
        fit: 'inside',
        withoutEnlargement: true,
      });
      const { hasAlpha } = await source.metadata();
      const { data, info } = await (hasAlpha ? source.png() : source.jpeg({ quality: 82 })).toBuffer({ resolveWithObject: true });
      const image = hasAlpha ? await doc.embedPng(data) : await doc.embedJpg(data);
      // Pixels at 2× density: a 1200 px photo is 600 pt wide before fitting the column.
      images.set(imagePath, { image, size: { width: info.width / 2, height: info.height / 2 } });
    } catch {}
  }
  return images;
}

function facesOfLines(lines: readonly Line[]): FontFace[] {
  return lines.flatMap((line) => line.items.flatMap((item) => (item.kind === 'text' ? [item.face] : [])));
}

function facesOfFrame(theme: PdfTheme, pageNumbers: readonly string[]): FontFace[] {
  const pieces = [
    ...textPieces(theme.brandName, fontFaces('pt-sans', 'bold')),
    ...textPieces([theme.title, '…', ...pageNumbers].join(''), fontFaces('pt-sans', 'regular')),
  ];
  return pieces.map((piece) => piece.face);
}

/** Embeds only the subset files the booklet uses, each once, with only the glyphs it draws. */
async function embedFonts(doc: PDFDocument, faces: readonly FontFace[]): Promise<Map<FontFace, PDFFont>> {
  const fonts = new Map<FontFace, PDFFont>();
  for (const face of new Set(faces)) fonts.set(face, await doc.embedFont(face.bytes, { subset: true }));
  return fonts;
}

interface DrawContext {
  fonts: Map<FontFace, PDFFont>;
  images: Map<string, EmbeddedImage>;
  colors: Record<TextRole, RGB>;
}

function drawLines(page: PDFPage, lines: readonly Line[], context: DrawContext): void {
  let top = PAGE.height - MARGIN.top;
  lines.forEach((line, index) => {
    if (index > 0) top -= line.gapBefore;
    for (const item of line.items) {
      if (item.kind === 'text') {
        page.drawText(item.text, {
          x: MARGIN.x + item.x,
          y: top - item.baseline,
          size: item.size,
          font: context.fonts.get(item.face)!,
          color: context.colors[item.role],
        });
      } else if (item.kind === 'image') {
        const embedded = context.images.get(item.path)!;
        page.drawImage(embedded.image, { x: MARGIN.x + item.x, y: top - item.height, width: item.width, height: item.height });
      } else {
        const y = top - line.height / 2;
        page.drawLine({ start: { x: MARGIN.x + item.x, y }, end: { x: MARGIN.x + item.x + item.width, y }, thickness: 0.6, color: MUTED });
      }
    }
    top -= line.height;
  });
}

/** Brand name and booklet title above the content, a rule in the brand colour, the page number below. */
function drawPageFrame(page: PDFPage, theme: PdfTheme, fonts: Map<FontFace, PDFFont>, pageNumber: string): void {
  const headerY = PAGE.height - 34;
  const brandWidth = drawSmallPrint(page, fonts, theme.brandName, 'bold', MARGIN.x, headerY, theme.colors.heading);
  const titleSpace = CONTENT.width - brandWidth - 16;
  const title = truncateToWidth(theme.title, titleSpace, (text) => smallPrintWidth(text, 'regular'));
  drawSmallPrint(page, fonts, title, 'regular', PAGE.width - MARGIN.x - smallPrintWidth(title, 'regular'), headerY, MUTED);
  page.drawLine({
    start: { x: MARGIN.x, y: headerY - 8 },
    end: { x: PAGE.width - MARGIN.x, y: headerY - 8 },
    thickness: 1,
    color: theme.colors.heading,
  });
  const numberWidth = smallPrintWidth(pageNumber, 'regular');
  drawSmallPrint(page, fonts, pageNumber, 'regular', (PAGE.width - numberWidth) / 2, 28, MUTED);
}

/** Header and footer use PT Sans in every project: they are the frame, not the content. */
function smallPrintWidth(text: string, style: 'regular' | 'bold'): number {
  return textPieces(text, fontFaces('pt-sans', style)).reduce((sum, piece) => sum + piece.width * SMALL_PRINT_SIZE, 0);
}

function drawSmallPrint(
  page: PDFPage,
  fonts: Map<FontFace, PDFFont>,
  text: string,
  style: 'regular' | 'bold',
  x: number,
  y: number,
  color: RGB,
): number {
  let cursor = x;
  for (const piece of textPieces(text, fontFaces('pt-sans', style))) {
    page.drawText(piece.text, { x: cursor, y, size: SMALL_PRINT_SIZE, font: fonts.get(piece.face)!, color });
    cursor += piece.width * SMALL_PRINT_SIZE;
  }
  return cursor - x;
}

function truncateToWidth(text: string, maxWidth: number, width: (text: string) => number): string {
  if (width(text) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && width(`${chars.join('').trimEnd()}…`) > maxWidth) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : '';
}

function hexToRgb(hex: string): RGB {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const channel = (offset: number) => parseInt(full.slice(offset, offset + 2), 16) / 255;
  return rgb(channel(0), channel(2), channel(4));
}
