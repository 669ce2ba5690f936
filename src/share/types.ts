import type { Locale } from '../config/schemas/common.ts';
import type { ShareImageLayout } from '../config/schemas/share.ts';
import type { FontFamily } from './fonts.ts';
import type { ShareFormat } from './formats.ts';

/**
 * The part of a loaded project (`LoadedProject` from src/config/load.ts) a share image needs.
 * Typed structurally so a LoadedProject is accepted as is.
 */
export interface ShareProject {
  slug: string;
  /** Absolute project folder; images are read only from inside it. */
  dir: string;
  config: {
    locale: Locale;
    branding: {
      brandName: string;
      colors: { primary: string; onPrimary: string };
      logo?: string | undefined;
      font: FontFamily;
    };
    share: { image: ShareImageLayout };
  };
}

/** What one share image shows, fixed when the share is created. */
export interface ShareContent {
  /** The headline, e.g. «Я угадала 5 из 6 традиций!». */
  title: string;
  /** Longer text, e.g. a whole generated greeting. */
  text?: string | undefined;
  score?: { value: number; of: number } | undefined;
  /**
   * The result's own picture, e.g. the tulips of a greeting card: a path inside the project
   * folder (never a URL), drawn beside the text.
   */
  image?: string | undefined;
}

export interface ShareImageRequest {
  project: ShareProject;
  content: ShareContent;
  format: ShareFormat;
}

export interface ShareImage {
  png: Buffer;
  /** A strong, quoted ETag: the same bytes always carry the same tag. */
  etag: string;
}

/** A smaller WebP copy of a card for pages (see RENDITION_WIDTHS); link previews keep the PNG. */
export interface ShareRendition {
  webp: Buffer;
  /** A strong, quoted ETag, distinct from the PNG's. */
  etag: string;
}
