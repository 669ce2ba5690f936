import type { Locale } from '../../config/schemas/common.ts';
import { plural } from '../../i18n/plural.ts';

// Apart from strings.ts, which the player imports: the validator's words stay out of the player's bundle.

/** What the validator says about a wheel that cannot work, in the language of messages. */
const problemsEn = {
  oddsSum: (sum: number, odds: string) => `the odds add up to ${sum}; expected 100 (each prize's odds in percent: ${odds})`,
  consolations: (count: number) =>
    `${count} ${count === 1 ? 'prize is' : 'prizes are'} marked consolation: true; expected exactly one, the guaranteed prize («В другой раз») everyone gets once the others run out`,
  repeatedId: (id: string, earlier: number) => `id ${id} repeats prizes[${earlier}]; each prize needs its own id`,
  limitedConsolation: 'the consolation prize is unlimited; remove stock',
  noGift: (id: string) => `prize ${id} has no gift; only the consolation prize may go without one`,
  stockBesidePool: (id: string, pool: string) => `prize ${id} takes its stock from its pool file ${pool}; remove stock`,
  noStock: (id: string) =>
    `prize ${id} has no stock or pool; expected stock: <how many can be given>, or a promo-code gift with a pool file`,
};

const problemsRu: typeof problemsEn = {
  oddsSum: (sum, odds) => `шансы в сумме дают ${sum}, а нужно 100 (шанс каждого приза в процентах: ${odds})`,
  consolations: (count) =>
    `consolation: true стоит у ${count} ${plural(count, 'ru', { one: 'приза', other: 'призов' })}; ` +
    'нужен ровно один утешительный приз («В другой раз»): его получают все, когда остальные призы закончатся',
  repeatedId: (id, earlier) => `id ${id} повторяет prizes[${earlier}]; у каждого приза должен быть свой id`,
  limitedConsolation: 'утешительный приз не ограничен; уберите stock',
  noGift: (id) => `у приза ${id} нет подарка (gift); без подарка может быть только утешительный приз`,
  stockBesidePool: (id, pool) => `приз ${id} берёт запас из файла кодов ${pool}; уберите stock`,
  noStock: (id) => `у приза ${id} нет ни stock, ни файла кодов; укажите stock: <сколько можно выдать> или подарок promo-code с файлом pool`,
};

const problemDictionaries: Record<Locale, typeof problemsEn> = { ru: problemsRu, en: problemsEn };

export function wheelProblems(locale: Locale): typeof problemsEn {
  return problemDictionaries[locale];
}
