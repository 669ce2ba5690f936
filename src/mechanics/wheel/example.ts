import type { MechanicExample } from '../types.ts';

/** Three prizes as links (no code pools to prepare yet) and an empty sector. */
export const wheelExample: MechanicExample = {
  yaml: {
    ru: `spinButton: Крутить колесо
# Сколько раз можно крутить по одной ссылке.
spinsPerLink: 1
# Заголовок результата и картинки «поделиться»; {prize} — название выпавшего приза.
resultTitle: 'Мой приз: {prize}'

# Секторы колеса. odds — вес сектора (вероятность пропорциональна весу), stock — сколько
# таких призов есть всего (нужно у каждого приза, кроме кодов из файла). consolation: true — пустой сектор.
# gift приза: link, promo-code (pool — файл с кодами), file или booklet.
prizes:
  - id: delivery
    label: Доставка 0 ₽
    description: Бесплатная доставка следующего заказа.
    odds: 30
    stock: 100
    gift:
      kind: link
      title: Бесплатная доставка
      url: https://example.com/delivery
      buttonLabel: Оформить заказ
  - id: ideas
    label: Подборка идей
    description: Идеи для дома от нашего магазина.
    odds: 40
    stock: 1000
    gift:
      kind: link
      title: Подборка идей для дома
      url: https://example.com/ideas
      buttonLabel: Смотреть
  - id: next-time
    label: В другой раз
    description: В этот раз без приза — но подарок ниже ждёт всех.
    odds: 30
    consolation: true
`,
    en: `spinButton: Spin the wheel
# How many spins one personal link gets.
spinsPerLink: 1
# Title of the result and of the share image; {prize} is the label of the prize won.
resultTitle: 'My prize: {prize}'

# The wheel's sectors. odds is a weight (the chance is proportional to it); stock is how many
# of the prize exist (every prize needs one, except codes from a pool file). consolation: true is an empty sector.
# A prize's gift: link, promo-code (pool is a file of codes), file or booklet.
prizes:
  - id: delivery
    label: Free delivery
    description: Free delivery of your next order.
    odds: 30
    stock: 100
    gift:
      kind: link
      title: Free delivery
      url: https://example.com/delivery
      buttonLabel: Order now
  - id: ideas
    label: Home ideas
    description: Ideas for your home from our shop.
    odds: 40
    stock: 1000
    gift:
      kind: link
      title: Ideas for your home
      url: https://example.com/ideas
      buttonLabel: Take a look
  - id: next-time
    label: Next time
    description: No prize this time, but the gift below is for everyone.
    odds: 30
    consolation: true
`,
  },
};
