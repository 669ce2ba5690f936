import satori from 'satori';
import { resolveProjectImage, type ProjectImage } from './assets.ts';
import { parseShareContent } from './content.ts';
import { emojiDataUri } from './emoji.ts';
import { loadFamily } from './fonts.ts';
import { assertShareFormat, SHARE_FORMATS, type ShareFormat } from './formats.ts';
import { rasteriseWithLibrsvg, type Rasterise } from './rasterise.ts';
import { containedImage, coverImage, gradientImage, type PreparedImage } from './images.ts';
import {
  cardFrame,
  cardTree,
  GEOMETRY,
  logoPlacement,
  resolveLayout,
  type LogoPlacement,
  type Rect,
  type ResolvedLayout,
} from './layout.ts';
import type { ShareImageRequest } from './types.ts';

/**
 * Bump when the drawing changes (layout, fonts, sizes), so cached images made by older code
 * are not served as current ones.
 */
export const RENDERER_VERSION = 2;

/** The project files a card draws, resolved through the asset guard. */
export interface CardSources {
  layout: ResolvedLayout;
  background: { kind: 'gradient'; from: string; to: string } | { kind: 'image'; file: ProjectImage };
  logo: ProjectImage | undefined;
  /** The result's own picture (`content.image`), through the same guard as the project's files. */
  picture: ProjectImage | undefined;
}

export async function cardSources(request: ShareImageRequest): Promise<CardSources> {
  const layout = resolveLayout(request.project);
  const dir = request.project.dir;
  const [background, logo, picture] = await Promise.all([
    layout.background.kind === 'image'
      ? resolveProjectImage(dir, layout.background.path).then((file) => ({ kind: 'image' as const, file }))
      : layout.background,
    layout.mark?.kind === 'logo' ? resolveProjectImage(dir, layout.mark.path) : undefined,
    request.content.image !== undefined ? resolveProjectImage(dir, request.content.image) : undefined,
  ]);
  return { layout, background, logo, picture };
}

/** Draws one share card: satori lays it out as SVG, sharp rasterises it to PNG (or `rasterise`, in the bench). No caching. */
export async function drawShareCard(
  request: ShareImageRequest,
  sources?: CardSources,
  rasterise: Rasterise = rasteriseWithLibrsvg,
): Promise<Buffer> {
  const format: ShareFormat = request.format;
  assertShareFormat(format);
  const content = parseShareContent(request.content);
  const { layout, background, logo, picture } = sources ?? (await cardSources(request));
  const size = SHARE_FORMATS[format];
  const geometry = GEOMETRY[format];
  const frame = cardFrame(format, content);
  const pictureArea = picture && frame.picture;
  const [family, backgroundImage, logoImage, pictureImage] = await Promise.all([
    loadFamily(layout.font),
    background.kind === 'image'
      ? coverImage(background.file, size.width, size.height)
      : gradientImage(background.from, background.to, size.width, size.height),
    logo ? containedImage(logo, geometry.markMaxWidth, geometry.markHeight) : undefined,
    pictureArea ? coverImage(picture, pictureArea.width, pictureArea.height) : undefined,
  ]);
  const foreground = await satori(cardTree(layout, format, content, family, logoImage) as SatoriElement, {
    width: size.width,
    height: size.height,
    fonts: family.satoriFonts,
    loadAdditionalAsset: loadEmoji,
  });
  const placedLogo = logoImage && { image: logoImage, at: logoPlacement(layout, format, frame, logoImage) };
  const placedPicture = pictureImage && pictureArea && { image: pictureImage, at: pictureArea };
  const svg = composeCard(size, backgroundImage, layout.scrim, placedPicture, placedLogo, foreground);
  return rasterise(svg);
}

/**
 * Layers the pictures around satori's foreground in one SVG. Pictures are plain <image>
 * elements here because satori masks its own images, and librsvg draws masks offscreen.
 * Only data URIs made by images.ts (base64, no quotes) and numbers go into the markup.
 * The card's own picture lies above the scrim: the scrim darkens a background for the text,
 * while the picture must look as it did in the player.
 */
function composeCard(
  size: { width: number; height: number },
  background: PreparedImage,
  scrim: number,
  picture: { image: PreparedImage; at: Rect } | undefined,
  logo: { image: PreparedImage; at: LogoPlacement } | undefined,
  foreground: string,
): string {
  const { width, height } = size;
  const layers = [
    `<image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" href="${background.dataUri}"/>`,
    scrim > 0 ? `<rect width="${width}" height="${height}" fill="#000" fill-opacity="${scrim}"/>` : '',
    picture ? placedImage(picture.image, picture.at) : '',
    foreground,
    logo ? placedImage(logo.image, logo.at) : '',
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${layers.join('')}</svg>`;
}

function placedImage(image: PreparedImage, at: Rect): string {
  return `<image x="${at.x}" y="${at.y}" width="${at.width}" height="${at.height}" href="${image.dataUri}"/>`;
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
