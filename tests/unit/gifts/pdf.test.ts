import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bookletPdf } from '../../../src/gifts/index.ts';
import { fontFaces, sfntFromWoff, textPieces } from '../../../src/gifts/pdf/fonts.ts';
import { bookletGift, giftProject, projectFolder } from './project-fixture.ts';

describe('bookletPdf', () => {
  const project = giftProject(
    projectFolder({
      'booklet/01-cuba.md': '# Куба\n\nЗачем в кубинских семьях столько **посуды**?\n\n- Вода из окна\n- 3 000 ₽',
      'booklet/02-italy.md': '## Italy\n\nOld furniture goes out of the window.',
      'booklet/03-finland.md': '# Финляндия\n\n1. Олово\n2. Сауна',
    }),
  );

  it('renders one PDF page per Markdown page, with the gift title and brand', async () => {
    const pdf = await bookletPdf(project, bookletGift);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getPageCount()).toBe(3);
    expect(loaded.getTitle()).toBe('Новогодняя мини-книга');
    expect(loaded.getAuthor()).toBe('Hoff');
  });

  it('is built once per project and gift', async () => {
    expect(await bookletPdf(project, bookletGift)).toBe(await bookletPdf(project, bookletGift));
  });

  it('continues a page too long to fit even when shrunk', async () => {
    const paragraphs = Array.from({ length: 80 }, (_, index) => `Абзац ${index}: советы про дом и уют.`).join('\n\n');
    const long = giftProject(projectFolder({ 'booklet/01-long.md': paragraphs, 'booklet/02-short.md': 'Коротко' }));
    const loaded = await PDFDocument.load(await bookletPdf(long, bookletGift));
    expect(loaded.getPageCount()).toBeGreaterThan(2);
  });
});

describe('font subsets', () => {
  it('finds a subset with a glyph for Cyrillic, Latin, digits, punctuation and ₽', () => {
    const text = 'Ёлка, Hoff — 3 000 ₽ № 5 «правда»? (100%)…';
    for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
      const pieces = textPieces(text, fontFaces('pt-sans', style));
      expect(pieces.map((piece) => piece.text).join('')).toBe(text);
      expect(new Set(pieces.map((piece) => piece.face.key)).size).toBeGreaterThan(1);
    }
  });

  it('leaves out characters no subset has instead of drawing empty boxes', () => {
    const pieces = textPieces('Ёлка 🎄', fontFaces('pt-sans', 'regular'));
    expect(pieces.map((piece) => piece.text).join('')).toBe('Ёлка ');
  });
});

describe('sfntFromWoff', () => {
  const woffPath = createRequire(import.meta.url).resolve('@fontsource/pt-sans/files/pt-sans-cyrillic-700-normal.woff');

  it('unpacks a WOFF into the same font as TrueType', () => {
    const woff = fontkit.create(readFileSync(woffPath));
    const truetype = fontkit.create(sfntFromWoff(readFileSync(woffPath)));
    expect(truetype.constructor.name).toBe('TTFFont');
    expect(truetype.numGlyphs).toBe(woff.numGlyphs);
    expect(truetype.layout('Ёлка').advanceWidth).toBe(woff.layout('Ёлка').advanceWidth);
  });

  it('refuses a file that is not WOFF 1.0', () => {
    expect(() => sfntFromWoff(new TextEncoder().encode('wOF2 and more bytes'))).toThrow(
      'font file is not WOFF 1.0: it starts with "wOF2", expected "wOFF"',
    );
  });
});
