import { z } from 'zod';
import { assetPath, httpUrl, text } from './common.ts';

const giftCopy = {
  /** Shown above the gift, e.g. «Ваш подарок — новогодняя мини-книга». */
  title: text(120),
  /** A sentence or two about the gift. */
  description: text(600).optional(),
};

/** A mini-book of Markdown pages, shown as a swipeable book and downloadable as a PDF. */
export const bookletGiftSchema = z.strictObject({
  kind: z.literal('booklet'),
  ...giftCopy,
  /**
   * Folder of Markdown pages, read in file-name order (`01-cuba.md`, `02-italy.md`…).
   * @example booklet
   */
  pages: assetPath,
  /** File name of the PDF download. */
  pdfFileName: z.string().regex(/^[\w\-.]+\.pdf$/).default('gift.pdf'),
});

/** One promo code per participant from a pool file. */
export const promoCodeGiftSchema = z.strictObject({
  kind: z.literal('promo-code'),
  ...giftCopy,
  /**
   * CSV or text file with one code per line (a header line `code` is allowed).
   * @example gifts/codes.csv
   */
  pool: assetPath,
  /** How to use the code, e.g. «Введите код при оформлении заказа до 31 января». */
  howToUse: text(600).optional(),
  /** What a player sees when every code is taken. */
  fallback: z.strictObject({ title: text(120), text: text(600) }),
});

/** A file to download, e.g. a PDF coupon or a wallpaper. */
export const fileGiftSchema = z.strictObject({
  kind: z.literal('file'),
  ...giftCopy,
  path: assetPath,
  /** Label of the download button. */
  buttonLabel: text(60).optional(),
});

/** A link to the shop, e.g. a landing page of the sale. */
export const linkGiftSchema = z.strictObject({
  kind: z.literal('link'),
  ...giftCopy,
  url: httpUrl,
  buttonLabel: text(60).optional(),
});

export const giftSchema = z.discriminatedUnion('kind', [
  bookletGiftSchema,
  promoCodeGiftSchema,
  fileGiftSchema,
  linkGiftSchema,
]);

export type GiftConfig = z.output<typeof giftSchema>;
export type BookletGift = z.output<typeof bookletGiftSchema>;
export type PromoCodeGift = z.output<typeof promoCodeGiftSchema>;
export type FileGift = z.output<typeof fileGiftSchema>;
export type LinkGift = z.output<typeof linkGiftSchema>;
