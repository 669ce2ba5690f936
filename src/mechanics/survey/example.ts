import type { MechanicExample } from '../types.ts';

/** A reason with a remedy per answer, an own answer, and a free-text question. */
export const surveyExample: MechanicExample = {
  yaml: {
    ru: `# Вопросы по одному на экран. type: single — один ответ из списка, text — свободный ответ.
# remedy — подарок за этот ответ (первое подходящее правило; tier — только для уровня трат).
questions:
  - id: reason
    type: single
    title: Почему вы перестали к нам заходить?
    hint: Выберите самый важный ответ.
    options:
      - id: expensive
        label: Стало дорого
        remedy:
          - gift:
              kind: link
              title: Скидки этой недели
              url: https://example.com/sale
              buttonLabel: Смотреть скидки
      - id: assortment
        label: Нет нужных товаров
        remedy:
          - gift:
              kind: link
              title: Новинки сезона
              url: https://example.com/new
              buttonLabel: Смотреть новинки
      # ownAnswer: true — игрок пишет свой вариант (до maxLength символов).
      - id: own
        label: Свой вариант
        ownAnswer: true
  - id: wish
    type: text
    title: Что нам сделать, чтобы вы вернулись?

# Экран после последнего ответа; title — ещё и заголовок картинки «поделиться».
thanks:
  title: Спасибо, что ответили!
  text: Мы подобрали предложение по вашему ответу — оно ниже.
`,
    en: `# Questions, one per screen. type: single picks one option, text is a free answer.
# remedy is the gift for that answer (the first matching rule; tier limits it to a spend tier).
questions:
  - id: reason
    type: single
    title: Why did you stop shopping with us?
    hint: Choose the most important answer.
    options:
      - id: expensive
        label: It got too expensive
        remedy:
          - gift:
              kind: link
              title: This week's offers
              url: https://example.com/sale
              buttonLabel: See the offers
      - id: assortment
        label: I could not find what I need
        remedy:
          - gift:
              kind: link
              title: New this season
              url: https://example.com/new
              buttonLabel: See what is new
      # ownAnswer: true lets the player write their own (up to maxLength characters).
      - id: own
        label: Something else
        ownAnswer: true
  - id: wish
    type: text
    title: What should we do to win you back?

# The screen after the last answer; title is also the share image's title.
thanks:
  title: Thank you for answering!
  text: We picked an offer for your answer; it is below.
`,
  },
};
