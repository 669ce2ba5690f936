import type { ShareContent } from './types.ts';

/**
 * What a forwarded campaign link shows in a messenger: the project's own card, drawn like a
 * share image, with the intro as an anonymous visitor reads it. Never the personal greeting: the
 * same preview serves every customer's link, and a name in it would leak to whoever sees it.
 */
export interface ProjectPreviewConfig {
  title: string;
  intro: { title: string; text?: string | undefined };
  branding: { heroImage?: string | undefined };
  share: { description: string };
}

export function projectPreviewContent(config: ProjectPreviewConfig): ShareContent {
  return { title: config.intro.title, image: config.branding.heroImage };
}

/** og:/twitter: texts of a play page; the URL is the project's, without the customer's token. */
export function projectPreviewTexts(config: ProjectPreviewConfig): { title: string; description: string; imageAlt: string } {
  return { title: config.title, description: config.share.description, imageAlt: config.intro.title };
}
