import satori from 'satori';
import sharp from 'sharp';
import { resolveProjectImage, type ProjectImage } from './assets.ts';
import { parseShareContent } from './content.ts';
import { emojiDataUri } from './emoji.ts';
import { loadFamily } from './fonts.ts';
import { assertShareFormat, SHARE_FORMATS, type ShareFormat } from './formats.ts';
import { containedImage, coverImage, gradientImage, type PreparedImage } from './images.ts';
import { cardTree, GEOMETRY, logoPlacement, resolveLayout, type LogoPlacement, type ResolvedLayout } from './layout.ts';
import type { ShareImageRequest } from './types.ts';

/**
 * Bump when the drawing changes (layout, fonts, sizes), so cached images made by older code
 * are not served as current ones.
 */
export const RENDERER_VERSION = 2;

/**
 * zlib level of the PNG. Level 9 saves a few percent at several times the cost; these images
 * are drawn once and cached for a year.
 */
const PNG_COMPRESSION = 6;

/** The project files a card draws, resolved through the asset guard. */
export interface CardSources {
  layout: ResolvedLayout;
  background: { kind: 'gradient'; from: string; to: string } | { kind: 'image'; file: ProjectImage };
  logo: ProjectImage | undefined;
}

export async function cardSources(request: ShareImageRequest): Promise<CardSources> {
  const layout = resolveLayout(request.project);
  const dir = request.project.dir;
  const [background, logo] = await Promise.all([
    layout.background.kind === 'image'
      ? resolveProjectImage(dir, layout.background.path).then((file) => ({ kind: 'image' as const, file }))
      : layout.background,
    layout.mark?.kind === 'logo' ? resolveProjectImage(dir, layout.mark.path) : undefined,
  ]);
  return { layout, background, logo };
}

/** Draws one share card: satori lays it out as SVG, sharp rasterises it to PNG. No caching. */
export async function drawShareCard(request: ShareImageRequest, sources?: CardSources): Promise<Buffer> {
  const format: ShareFormat = request.format;
  assertShareFormat(format);
  const content = parseShareContent(request.content);
  const { layout, background, logo } = sources ?? (await cardSources(request));
  const size = SHARE_FORMATS[format];
  const geometry = GEOMETRY[format];
  const [family, backgroundImage, logoImage] = await Promise.all([
    loadFamily(layout.font),
    background.kind === 'image'
      ? coverImage(background.file, size.width, size.height)
      : gradientImage(background.from, background.to, size.width, size.height),
    logo ? containedImage(logo, geometry.markMaxWidth, geometry.markHeight) : undefined,
  ]);
  const foreground = await satori(cardTree(layout, format, content, family, logoImage) as SatoriElement, {
    width: size.width,
    height: size.height,
    fonts: family.satoriFonts,
    loadAdditionalAsset: loadEmoji,
  });
  const placedLogo = logoImage && { image: logoImage, at: logoPlacement(layout, format, logoImage) };
  const svg = composeCard(size, backgroundImage, layout.scrim, placedLogo, foreground);
  return sharp(Buffer.from(svg)).png({ compressionLevel: PNG_COMPRESSION }).toBuffer();
}

/**
 * Layers the pictures under satori's foreground in one SVG. Pictures are plain <image>
 * elements here because satori masks its own images, and librsvg draws masks offscreen.
 * Only data URIs made by images.ts (base64, no quotes) and numbers go into the markup.
 */
function composeCard(
  size: { width: number; height: number },
  background: PreparedImage,
  scrim: number,
  logo: { image: PreparedImage; at: LogoPlacement } | undefined,
  foreground: string,
): string {
  const { width, height } = size;
  const layers = [
    `<image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" href="${background.dataUri}"/>`,
    scrim > 0 ? `<rect width="${width}" height="${height}" fill="#000" fill-opacity="${scrim}"/>` : '',
    foreground,
    logo ? `<image x="${logo.at.x}" y="${logo.at.y}" width="${logo.at.width}" height="${logo.at.height}" href="${logo.image.dataUri}"/>` : '',
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${layers.join('')}</svg>`;
}

type SatoriElement = Parameters<typeof satori>[0];

/**
 * Satori asks for what its fonts lack: emoji get the bundled twemoji picture; other scripts
 * (CJK…) get no extra font and are drawn with the fallback glyph.
 */
async function loadEmoji(languageCode: string, segment: string): Promise<string | []> {
  if (languageCode !== 'emoji') return [];
  return (await emojiDataUri(segment)) ?? [];
}
