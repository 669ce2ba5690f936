import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import fontkit, { type Font } from '@pdf-lib/fontkit';

export type FontFamily = 'pt-sans' | 'pt-serif';
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** One @fontsource subset file: the TrueType bytes pdf-lib embeds and the parsed font that measures. */
export interface FontFace {
  key: string;
  bytes: Uint8Array;
  font: Font;
  /** Widths at size 1 by text: shaping is the slow part of a booklet PDF, and words repeat. */
  widths: Map<string, number>;
}

/** A stretch of text drawn with one face; `width` is at font size 1. */
export interface TextPiece {
  face: FontFace;
  text: string;
  width: number;
}

// @fontsource splits each font into unicode-range subsets, so a line of Russian text with digits
// and a «₽» needs several files. Order matters: the first subset with a glyph draws it.
const SUBSETS = ['latin', 'cyrillic', 'latin-ext', 'cyrillic-ext'] as const;
const STYLE_FILES: Record<FontStyle, string> = {
  regular: '400-normal',
  bold: '700-normal',
  italic: '400-italic',
  boldItalic: '700-italic',
};

const require = createRequire(import.meta.url);
const facesByStyle = new Map<string, FontFace[]>();

/** The subset faces of a family and style, read from node_modules once per process. */
export function fontFaces(family: FontFamily, style: FontStyle): FontFace[] {
  const key = `${family}-${style}`;
  let faces = facesByStyle.get(key);
  if (!faces) {
    faces = SUBSETS.map((subset) => {
      const fileName = `${family}-${subset}-${STYLE_FILES[style]}.woff`;
      const bytes = sfntFromWoff(readFileSync(require.resolve(`@fontsource/${family}/files/${fileName}`)));
      return { key: fileName, bytes, font: fontkit.create(bytes), widths: new Map() };
    });
    facesByStyle.set(key, faces);
  }
  return faces;
}

/**
 * Splits text into runs of the subset face that has each character's glyph. Characters no
 * subset has (emoji, rare scripts) are left out rather than drawn as empty boxes.
 */
export function textPieces(text: string, faces: readonly FontFace[]): TextPiece[] {
  const pieces: { face: FontFace; text: string }[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const face = faces.find((candidate) => candidate.font.hasGlyphForCodePoint(codePoint));
    if (!face) continue;
    const last = pieces.at(-1);
    if (last?.face === face) last.text += char;
    else pieces.push({ face, text: char });
  }
  return pieces.map((piece) => ({ ...piece, width: widthAtSizeOne(piece.face, piece.text) }));
}

/** Measured the way pdf-lib draws: the sum of glyph advances, without kerning. */
function widthAtSizeOne(face: FontFace, text: string): number {
  let width = face.widths.get(text);
  if (width === undefined) {
    const advance = face.font.layout(text).glyphs.reduce((sum, glyph) => sum + glyph.advanceWidth, 0);
    width = advance / face.font.unitsPerEm;
    face.widths.set(text, width);
  }
  return width;
}

/**
 * Unpacks a WOFF 1.0 file into the TrueType/OpenType font it wraps. fontkit reads WOFF, but
 * re-inflates every table each time pdf-lib parses the bytes again, once per PDF; unpacking once
 * per process makes a booklet several times faster to build.
 */
export function sfntFromWoff(woff: Uint8Array): Uint8Array {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (input.toString('latin1', 0, 4) !== 'wOFF') {
    throw new Error(`font file is not WOFF 1.0: it starts with ${JSON.stringify(input.toString('latin1', 0, 4))}, expected "wOFF"`);
  }
  const flavor = input.readUInt32BE(4);
  const tableCount = input.readUInt16BE(12);
  const tables = Array.from({ length: tableCount }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = input.readUInt32BE(entry + 4);
    const compressedLength = input.readUInt32BE(entry + 8);
    const length = input.readUInt32BE(entry + 12);
    const stored = input.subarray(offset, offset + compressedLength);
    return {
      tag: input.readUInt32BE(entry),
      checksum: input.readUInt32BE(entry + 16),
      data: compressedLength < length ? inflateSync(stored) : stored,
    };
  });

  const headerLength = 12 + 16 * tableCount;
  const padded = (length: number) => (length + 3) & ~3;
  const output = Buffer.alloc(headerLength + tables.reduce((sum, table) => sum + padded(table.data.length), 0));
  const searchPower = Math.floor(Math.log2(tableCount));
  output.writeUInt32BE(flavor, 0);
  output.writeUInt16BE(tableCount, 4);
  output.writeUInt16BE(16 * 2 ** searchPower, 6);
  output.writeUInt16BE(searchPower, 8);
  output.writeUInt16BE(16 * tableCount - 16 * 2 ** searchPower, 10);
  let offset = headerLength;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    output.writeUInt32BE(table.tag, record);
    output.writeUInt32BE(table.checksum, record + 4);
    output.writeUInt32BE(offset, record + 8);
    output.writeUInt32BE(table.data.length, record + 12);
    output.set(table.data, offset);
    offset += padded(table.data.length);
  });
  return output;
}
