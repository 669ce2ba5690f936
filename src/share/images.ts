import sharp, { type Sharp } from 'sharp';
import { readProjectImage, type ProjectImage } from './assets.ts';
import { LruCache } from './lru.ts';

/**
 * Pictures are resized with sharp once to the size they are drawn at and kept in memory as data
 * URIs, so each render only embeds small, ready images: decoding a full-size photo or drawing
 * an SVG gradient over a whole story costs more than the rest of the card.
 */
const prepared = new LruCache<string, PreparedImage>(48 * 1024 * 1024, (image) => image.dataUri.length);

export interface PreparedImage {
  dataUri: string;
  width: number;
  height: number;
}

/**
 * The picture cropped to fill width×height: a photo as JPEG; a drawing (SVG) losslessly as PNG,
 * since JPEG noise on its flat colours would triple the size of the share PNG around it.
 */
export function coverImage(image: ProjectImage, width: number, height: number): Promise<PreparedImage> {
  return memoised(`cover:${image.file}:${image.fingerprint}:${width}x${height}`, async () => {
    const { pipeline, vector } = await decodedToCover(image, width, height);
    const covered = pipeline.resize(width, height, { fit: 'cover' }).flatten({ background: '#ffffff' });
    if (vector) {
      const png = await covered.png().toBuffer();
      return { dataUri: `data:image/png;base64,${png.toString('base64')}`, width, height };
    }
    const jpeg = await covered.jpeg({ quality: 86, mozjpeg: false }).toBuffer();
    return { dataUri: `data:image/jpeg;base64,${jpeg.toString('base64')}`, width, height };
  });
}

/** sharp's limit for the density of a vector image. */
const MAX_DENSITY = 100_000;

/**
 * An SVG is drawn at 72 dpi unless told otherwise, so a 600×360 drawing covering a 1080×800 area
 * would be enlarged as pixels and blur; it is drawn at the density that makes it cover the area.
 */
async function decodedToCover(image: ProjectImage, width: number, height: number): Promise<{ pipeline: Sharp; vector: boolean }> {
  const input = await readProjectImage(image);
  const { format, width: drawnWidth, height: drawnHeight } = await sharp(input).metadata();
  if (format !== 'svg' || !drawnWidth || !drawnHeight) return { pipeline: sharp(input), vector: false };
  const scale = Math.max(width / drawnWidth, height / drawnHeight, 1);
  return { pipeline: sharp(input, { density: Math.min(MAX_DENSITY, Math.ceil(72 * scale)) }), vector: true };
}

/** The picture scaled to fit inside maxWidth×maxHeight, keeping transparency (logos). */
export function containedImage(image: ProjectImage, maxWidth: number, maxHeight: number): Promise<PreparedImage> {
  return memoised(`contain:${image.file}:${image.fingerprint}:${maxWidth}x${maxHeight}`, async () => {
    const { data, info } = await sharp(await readProjectImage(image), { density: 300 })
      .resize(maxWidth, maxHeight, { fit: 'inside' })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { dataUri: `data:image/png;base64,${data.toString('base64')}`, width: info.width, height: info.height };
  });
}

/**
 * A diagonal two-colour gradient as a small PNG that librsvg stretches smoothly; an SVG
 * linearGradient over a 1080×1920 story takes it three times longer to fill.
 */
export function gradientImage(from: string, to: string, width: number, height: number): Promise<PreparedImage> {
  return memoised(`gradient:${from}:${to}:${width}x${height}`, async () => {
    const small = { width: Math.ceil(width / 16), height: Math.ceil(height / 16) };
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${small.width}" height="${small.height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
      `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>` +
      `</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    return { dataUri: `data:image/png;base64,${png.toString('base64')}`, width, height };
  });
}

const pending = new Map<string, Promise<PreparedImage>>();

async function memoised(key: string, prepare: () => Promise<PreparedImage>): Promise<PreparedImage> {
  const ready = prepared.get(key);
  if (ready) return ready;
  let running = pending.get(key);
  if (!running) {
    running = prepare().finally(() => pending.delete(key));
    pending.set(key, running);
  }
  const image = await running;
  prepared.set(key, image);
  return image;
}
