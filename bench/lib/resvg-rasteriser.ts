import { renderAsync } from '@resvg/resvg-js';
import sharp from 'sharp';
import { PNG_COMPRESSION } from '../../src/share/rasterise.ts';

/**
 * The share bench's challenger to sharp's librsvg: resvg draws the card's SVG (in its own thread,
 * off the event loop) and sharp encodes the pixels as the app does. It lost every case on this
 * machine (4–5× slower: see the share bench), so the app keeps librsvg.
 */
export async function rasteriseWithResvg(svg: string): Promise<Buffer> {
  // Satori draws text as paths, so resvg needs no fonts; scanning the system's would cost more than the card.
  const rendered = await renderAsync(svg, { font: { loadSystemFonts: false }, logLevel: 'off' });
  return sharp(rendered.pixels, { raw: { width: rendered.width, height: rendered.height, channels: 4 } })
    .png({ compressionLevel: PNG_COMPRESSION })
    .toBuffer();
}
