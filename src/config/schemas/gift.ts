import { z } from 'zod';
import { schemaMessage } from '../../i18n/cli-messages.ts';
import { assetFolder, assetPath, httpUrl, text } from './common.ts';

const giftCopy = {
  /** Shown above the gift, e.g. «Ваш подарок — новогодняя мини-книга». */
  title: text(120).meta({
    description: 'Shown above the gift.',
    examples: ['Ваш подарок — новогодняя мини-книга'],
  }),
  /** A sentence or two about the gift. */
  description: text(600)
    .optional()
    .meta({ description: 'A sentence or two about the gift.', examples: ['Рецепты и традиции разных стран — листайте или скачайте PDF.'] }),
};

/** A mini-book of Markdown pages, shown as a swipeable book and downloadable as a PDF. */
export const bookletGiftSchema = z
  .strictObject({
    kind: z.literal('booklet').meta({ description: 'booklet: Markdown pages shown as a book, with a PDF download.' }),
    ...giftCopy,
    /** Folder of Markdown pages, read in file-name order (`01-cuba.md`, `02-italy.md`…). */
    pages: assetFolder.meta({
      description: 'Folder of Markdown pages, read in file-name order (01-cuba.md, 02-italy.md…).',
      examples: ['booklet'],
    }),
    /** File name of the PDF download. */
    pdfFileName: z
      .string()
      .regex(/^[\w\-.]+\.pdf$/, { error: schemaMessage((words) => words.pdfFileName) })
      .default('gift.pdf')
      .meta({ description: 'File name of the PDF download.', examples: ['new-year-booklet.pdf'] }),
  })
  .meta({ description: 'A mini-book of Markdown pages, shown as a book and downloadable as a PDF.' });

/** One promo code per participant from a pool file. */
export const promoCodeGiftSchema = z
  .strictObject({
    kind: z.literal('promo-code').meta({ description: 'promo-code: one code per player from a pool file.' }),
    ...giftCopy,
    /** CSV or text file with one code per line (a header line `code` is allowed). */
    pool: assetPath.meta({
      description: 'CSV or text file with one code per line (a header line "code" is allowed).',
      examples: ['gifts/codes.csv'],
    }),
    /** How to use the code, e.g. «Введите код при оформлении заказа до 31 января». */
    howToUse: text(600)
      .optional()
      .meta({
        description: 'How to use the code.',
        examples: ['Введите код при оформлении заказа до 31 января'],
      }),
    /** What a player sees when every code is taken. */
    fallback: z
      .strictObject({
        title: text(120).meta({ description: 'Heading shown instead of a code.', examples: ['Коды закончились'] }),
        text: text(600).meta({ description: 'What to say instead of a code.', examples: ['Спасибо, что сыграли! Следите за письмами.'] }),
      })
      .meta({ description: 'What a player sees when every code is taken.' }),
  })
  .meta({ description: 'One promo code per participant, taken from a pool file.' });

/** A file to download, e.g. a PDF coupon or a wallpaper. */
export const fileGiftSchema = z
  .strictObject({
    kind: z.literal('file').meta({ description: 'file: a file from the project folder to download.' }),
    ...giftCopy,
    /** The file to download. */
    path: assetPath.meta({ description: 'The file to download.', examples: ['gifts/coupon.pdf'] }),
    /** Label of the download button. */
    buttonLabel: text(60)
      .optional()
      .meta({ description: 'Label of the download button.', examples: ['Скачать купон'] }),
  })
  .meta({ description: 'A file to download, e.g. a PDF coupon or a wallpaper.' });

/** A link to the shop, e.g. a landing page of the sale. */
export const linkGiftSchema = z
  .strictObject({
    kind: z.literal('link').meta({ description: 'link: a button that leads to the shop.' }),
    ...giftCopy,
    /** Where the button leads. */
    url: httpUrl.meta({ description: 'Where the button leads.', examples: ['https://shop.example.ru/sale?utm_source=crm'] }),
    /** Label of the link button. */
    buttonLabel: text(60)
      .optional()
      .meta({ description: 'Label of the link button.', examples: ['Смотреть подборку'] }),
  })
  .meta({ description: 'A link to the shop, e.g. the landing page of a sale.' });

export const giftSchema = z.discriminatedUnion('kind', [bookletGiftSchema, promoCodeGiftSchema, fileGiftSchema, linkGiftSchema]);

export type GiftConfig = z.output<typeof giftSchema>;
export type BookletGift = z.output<typeof bookletGiftSchema>;
export type PromoCodeGift = z.output<typeof promoCodeGiftSchema>;
export type FileGift = z.output<typeof fileGiftSchema>;
export type LinkGift = z.output<typeof linkGiftSchema>;
