import type { Locale } from '../config/schemas/common.ts';
import { shareContentSchema } from './content.ts';
import { shareImageStrings } from './strings.ts';

export interface SharePageTexts {
  /** og:title and page title: `share.title` with `{title}` and `{score}` («5 из 6») filled in. */
  title: string;
  /** og:description: `share.description`. */
  description: string;
  /** Alt text of the share image: what it shows, score first. */
  imageAlt: string;
  /** The result's longer text (e.g. the generated greeting), shown under the image. */
  body: string | undefined;
}

interface SharePageConfig {
  locale: Locale;
  share: { title: string; description: string };
}

/** Texts of the share page `/s/<id>`; undefined when the stored content is not a valid result. */
export function shareTexts(config: SharePageConfig, content: unknown): SharePageTexts | undefined {
  const parsed = shareContentSchema.safeParse(content);
  if (!parsed.success) return undefined;
  const result = parsed.data;
  const score = result.score && shareImageStrings(config.locale).score(result.score.value, result.score.of);
  return {
    title: config.share.title
      .replaceAll('{title}', result.title)
      .replaceAll('{score}', score ?? '')
      .replace(/\s{2,}/g, ' ')
      .trim(),
    description: config.share.description,
    imageAlt: score ? `${score}. ${result.title}` : result.title,
    body: result.text,
  };
}
