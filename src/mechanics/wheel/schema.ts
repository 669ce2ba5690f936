import { z } from 'zod';
import { schemaMessage } from '../../i18n/cli-messages.ts';
import { color, text } from '../../config/schemas/common.ts';
import { giftSchema } from '../../config/schemas/gift.ts';

export const MAX_PRIZES = 12;

/** One sector of the wheel: what it gives, how likely it is, and how many there are. */
export const prizeSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, { error: schemaMessage((words) => words.shortId('discount-500')) })
      .meta({ description: 'Short id of the prize, for the dashboard and the draw records.', examples: ['discount-500'] }),
    label: text(40).meta({ description: 'What the sector says, short enough for the wheel.', examples: ['Скидка 500 ₽'] }),
    description: text(300)
      .optional()
      .meta({ description: 'A sentence shown under the prize once it is won.', examples: ['Промокод на заказ от 3 000 ₽ до 31 января.'] }),
    odds: z
      .number()
      .min(0)
      .max(100)
      .meta({
        description: 'Chance in percent; the odds of all prizes add up to 100. When a prize runs out, its odds go to the rest.',
        examples: [15],
      }),
    stock: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({
        description: 'How many can be given, for prizes without a promo-code pool (a booklet, a file); a pool’s stock is its codes.',
        examples: [50],
      }),
    consolation: z
      .boolean()
      .default(false)
      .meta({
        description: 'The guaranteed prize («В другой раз»): unlimited, and what everyone gets once the others run out. Exactly one.',
        examples: [true],
      }),
    color: color.optional().meta({ description: 'Colour of the sector; alternating brand colours when omitted.', examples: ['#0b6e4f'] }),
    gift: giftSchema.optional().meta({
      description: 'What the winner gets; omitted for the consolation prize, which then gives the project’s gift.',
      examples: [
        {
          kind: 'promo-code',
          title: 'Скидка 500 ₽',
          pool: 'gifts/discount-500.csv',
          fallback: { title: 'Коды закончились', text: 'Загляните в магазин.' },
        },
      ],
    }),
  })
  .meta({
    description: 'One sector of the wheel: its gift, odds and stock.',
    examples: [
      {
        id: 'book',
        label: 'Книга идей',
        odds: 20,
        stock: 300,
        gift: { kind: 'link', title: 'Книга', url: 'https://shop.example.ru/book' },
      },
    ],
  });

/** The `wheel` mechanic: an instant-win wheel drawn on the server. */
export const wheelConfigSchema = z.strictObject({
  kind: z.literal('wheel').meta({ description: 'An instant-win wheel of fortune.', examples: ['wheel'] }),
  prizes: z
    .array(prizeSchema)
    .min(2)
    .max(MAX_PRIZES)
    .meta({
      description: 'The sectors of the wheel, drawn clockwise from the top in this order.',
      examples: [
        [
          { id: 'discount-500', label: 'Скидка 500 ₽', odds: 10, gift: { kind: 'link', title: 'Скидка', url: 'https://shop.example.ru' } },
          { id: 'next-time', label: 'В другой раз', odds: 90, consolation: true },
        ],
      ],
    }),
  spinsPerLink: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(1)
    .meta({ description: 'Spins each personal link (or browser) gets; one by default.', examples: [1] }),
  spinButton: text(40)
    .optional()
    .meta({ description: 'Label of the spin button; «Крутить колесо» (Spin the wheel) when omitted.', examples: ['Крутить!'] }),
  resultTitle: text(120)
    .optional()
    .meta({
      description: 'Headline of the result and its share card; {prize} is the prize’s label.',
      examples: ['Мой новогодний приз: {prize}'],
    }),
});

export const wheelActionSchema = z.strictObject({ type: z.literal('spin') });

export type WheelOwnConfig = z.output<typeof wheelConfigSchema>;
export type Prize = z.output<typeof prizeSchema>;
