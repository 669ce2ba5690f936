import type { Locale } from '../config/schemas/common.ts';

/**
 * Share links of the networks and messengers Russian shoppers use, plus X and Facebook. Each
 * opens the network's own share dialog in a new tab; no third-party script is ever loaded.
 */
export interface SharePayload {
  /** Public URL of the share page (never a personal link). */
  url: string;
  title: string;
  text: string;
  imageUrl: string;
}

export interface ShareNetwork {
  /** Sent as `network` in the share-click event. */
  id: 'vk' | 'ok' | 'telegram' | 'whatsapp' | 'x' | 'facebook';
  /** The network's own name in each language: «ВКонтакте» on a Russian page, «VK» on an English one. */
  name: Record<Locale, string>;
  href(payload: SharePayload): string;
}

/** Every `network` a share-click event may carry: the networks, the copy button and the phone's share sheet. */
export const SHARE_CLICK_NETWORKS = ['vk', 'ok', 'telegram', 'whatsapp', 'x', 'facebook', 'copy', 'native'] as const;
export type ShareClickNetwork = (typeof SHARE_CLICK_NETWORKS)[number];

export const SHARE_NETWORKS: readonly ShareNetwork[] = [
  {
    id: 'vk',
    name: { ru: 'ВКонтакте', en: 'VK' },
    href: ({ url, title, imageUrl }) => withQuery('https://vk.com/share.php', { url, title, image: imageUrl }),
  },
  {
    id: 'ok',
    name: { ru: 'Одноклассники', en: 'OK' },
    href: ({ url, title, imageUrl }) => withQuery('https://connect.ok.ru/offer', { url, title, imageUrl }),
  },
  {
    id: 'telegram',
    name: { ru: 'Telegram', en: 'Telegram' },
    href: ({ url, title }) => withQuery('https://t.me/share/url', { url, text: title }),
  },
  {
    id: 'whatsapp',
    name: { ru: 'WhatsApp', en: 'WhatsApp' },
    href: ({ url, title }) => withQuery('https://wa.me/', { text: `${title} ${url}` }),
  },
  {
    id: 'x',
    name: { ru: 'X', en: 'X' },
    href: ({ url, title }) => withQuery('https://x.com/intent/post', { url, text: title }),
  },
  {
    id: 'facebook',
    name: { ru: 'Facebook', en: 'Facebook' },
    href: ({ url }) => withQuery('https://www.facebook.com/sharer/sharer.php', { u: url }),
  },
];

function withQuery(base: string, params: Record<string, string>): string {
  const target = new URL(base);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}

/** Absolute URL of a path of this site, for networks that need a full image address. */
export function absoluteUrl(pathOrUrl: string, origin: string): string {
  return new URL(pathOrUrl, origin).toString();
}
