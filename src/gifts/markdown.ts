import path from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import { assetUrl } from '../config/asset-url.ts';

/** One booklet page, rendered for the browser and kept as tokens for the PDF. */
export interface RenderedPage {
  title?: string;
  html: string;
  tokens: Token[];
}

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Resolves an image reference of a Markdown page to a path inside the project folder, or
 * undefined when it points elsewhere. External images are refused too: loading them would tell a
 * third party who opened the gift.
 */
export function resolveBookletImage(pagesDir: string, href: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURI(href.trim());
  } catch {
    return undefined;
  }
  if (decoded === '' || /^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.startsWith('/') || decoded.includes('\\')) {
    return undefined;
  }
  const resolved = path.posix.normalize(path.posix.join(pagesDir, decoded));
  return resolved === '..' || resolved.startsWith('../') ? undefined : resolved;
}

/** The text of inline tokens without their markup, e.g. for a page title. */
export function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if ('tokens' in token && token.tokens) return plainText(token.tokens);
      return 'text' in token ? token.text : '';
    })
    .join('');
}

/**
 * Renders one Markdown page. Raw HTML is shown as text, not markup: authors are marketers, and a
 * pasted snippet must never run in a customer's browser. Links keep only http(s), mailto and tel.
 * Relative images are served from the project folder through `assetUrl`.
 */
export function renderBookletMarkdown(markdown: string, slug: string, pagesDir: string): RenderedPage {
  const marked = new Marked({
    gfm: true,
    renderer: {
      html: ({ text, block }) => (block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text)),
      link({ href, title, tokens }) {
        const label = this.parser.parseInline(tokens);
        if (!SAFE_LINK.test(href)) return label;
        const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(href)}"${titleAttribute} target="_blank" rel="noopener noreferrer">${label}</a>`;
      },
      image({ href, text }) {
        const projectPath = resolveBookletImage(pagesDir, href);
        if (projectPath === undefined) return escapeHtml(text);
        return `<img src="${escapeHtml(assetUrl(slug, projectPath))}" alt="${escapeHtml(text)}" loading="lazy">`;
      },
    },
  });
  const tokens = marked.lexer(markdown);
  const heading = tokens.find((token): token is Tokens.Heading => token.type === 'heading');
  const title = heading ? plainText(heading.tokens).trim() || undefined : undefined;
  return { title, html: marked.parser(tokens), tokens };
}
