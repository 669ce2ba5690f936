import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GiftConfig, PromoCodeGift } from '../../../src/config/schemas/gift.ts';
import type { GiftProject, GiftProjectConfig } from '../../../src/gifts/types.ts';

/** The seed's spend tiers (seed 002): under 3 000 ₽ regular, 3 000–50 000 raised, over 50 000 VIP. */
export const seedTiers = [
  { name: 'regular', minSpend: 0, maxSpend: 3000 },
  { name: 'raised', minSpend: 3000, maxSpend: 50000 },
  { name: 'vip', minSpend: 50000 },
];

/** A promo-code gift drawing from `gifts/codes.csv`, with a fallback for when the pool runs out. */
export const promoGift: PromoCodeGift = {
  kind: 'promo-code',
  title: 'Ваш промокод',
  pool: 'gifts/codes.csv',
  howToUse: 'Введите код при оформлении заказа до 31 января',
  fallback: { title: 'Коды закончились', text: 'Скидка 10% по карте Hoff Club' },
};

export const bookletGift = {
  kind: 'booklet',
  title: 'Новогодняя мини-книга',
  description: 'Советы и рецепты из стран игры',
  pages: 'booklet',
  pdfFileName: 'gift.pdf',
} as const satisfies GiftConfig;

/** Writes `files` (project-relative path → content) into a fresh temporary project folder. */
export function projectFolder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rekindle-gifts-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

export function giftProject(dir: string, config: Partial<GiftProjectConfig> = {}): GiftProject {
  return {
    slug: 'new-year',
    dir,
    config: {
      locale: 'ru',
      branding: { brandName: 'Hoff', colors: { primary: '#e30613', text: '#1d1d1b' } },
      gift: bookletGift,
      giftRules: [],
      tiers: seedTiers,
      ...config,
    },
  };
}
