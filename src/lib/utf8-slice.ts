/**
 * Where one value's UTF-8 bytes lie: `bytes[start … end)`. A reader fills a slice in place
 * instead of returning a view or a string, so reading a million values allocates nothing.
 */
export interface Utf8Slice {
  bytes: Uint8Array;
  start: number;
  end: number;
}

const EMPTY = new Uint8Array(0);

export function emptySlice(): Utf8Slice {
  return { bytes: EMPTY, start: 0, end: 0 };
}

/** Points `slice` at `bytes[start … end)`; true when that holds at least one byte. */
export function pointSlice(slice: Utf8Slice, bytes: Uint8Array, start: number, end: number): boolean {
  slice.bytes = bytes;
  slice.start = start;
  slice.end = end;
  return end > start;
}

/** Points `slice` at the UTF-8 encoding of `text`; false, pointing at nothing, when it is undefined. */
export function pointSliceAtText(slice: Utf8Slice, text: string | undefined): boolean {
  if (text === undefined) {
    pointSlice(slice, EMPTY, 0, 0);
    return false;
  }
  const bytes = Buffer.from(text, 'utf8');
  pointSlice(slice, bytes, 0, bytes.length);
  return true;
}

export function sliceText(slice: Utf8Slice): string {
  const { bytes } = slice;
  // Buffer.from over the memory copies nothing, and accepts shared memory where TextDecoder does not.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', slice.start, slice.end);
}

export function sameBytes(a: Utf8Slice, b: Utf8Slice): boolean {
  const length = a.end - a.start;
  if (b.end - b.start !== length) return false;
  for (let offset = 0; offset < length; offset++) {
    if (a.bytes[a.start + offset] !== b.bytes[b.start + offset]) return false;
  }
  return true;
}
