import sharp from 'sharp';

/**
 * zlib level of the PNG. Level 2 instead of 6 halves a cold story render (60 → 30 ms) for files
 * ~1.5× larger (a quiz og card: 90 → 146 KB), far under what VK, Telegram or Facebook accept; the
 * image is drawn once and then served from the cache.
 */
export const PNG_COMPRESSION = 2;

/** Turns a card's SVG into a PNG of its size. */
export type Rasterise = (svg: string) => Promise<Buffer>;

/**
 * sharp's librsvg draws the SVG and encodes the PNG. resvg was tried against it, the two
 * alternating in one run of `npm run bench -- share`, and was 4–5× slower on every example card.
 */
export const rasteriseWithLibrsvg: Rasterise = (svg) => sharp(Buffer.from(svg)).png({ compressionLevel: PNG_COMPRESSION }).toBuffer();
