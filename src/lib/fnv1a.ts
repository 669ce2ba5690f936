import { sliceText, type Utf8Slice } from './utf8-slice.ts';

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

/**
 * FNV-1a over a string's UTF-16 code units: spreads keys (tokens, customer ids) evenly
 * whatever their format, and is cheap enough for a million of them.
 */
export function fnv1a(text: string): number {
  let hash = OFFSET_BASIS;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), PRIME);
  return hash >>> 0;
}

/**
 * fnv1a of the text a UTF-8 slice holds, equal to fnv1a of the decoded string. ASCII (every
 * token, nearly every customer id) hashes byte by byte without being decoded.
 */
export function fnv1aOfUtf8(slice: Utf8Slice): number {
  const { bytes, end } = slice;
  let hash = OFFSET_BASIS;
  for (let index = slice.start; index < end; index++) {
    const byte = bytes[index] ?? 0;
    if (byte >= 0x80) return fnv1a(sliceText(slice));
    hash = Math.imul(hash ^ byte, PRIME);
  }
  return hash >>> 0;
}
