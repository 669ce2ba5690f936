import type { MechanicExample } from '../types.ts';

/** A name, one choice with a picture per option, and two templates that use every slot. */
export const cardExample: MechanicExample = {
  yaml: {
    ru: `# Заголовок открытки на странице «поделиться»; может содержать слоты вроде {name}.
cardTitle: 'Поздравление: {name}'
# Фон открытки, когда у выбранного варианта нет своей картинки.
defaultImage: assets/card-default.svg

# Вопросы по одному на экран. id вопроса — это имя слота в шаблонах: id name заполняет {name}.
questions:
  - type: text
    id: name
    title: Имя
    hint: Так, как вы к нему или к ней обращаетесь
    placeholder: Например, Саша
    maxLength: 30
  - type: choice
    id: mood
    title: Какое настроение?
    options:
      # fragments — текст для каждого слота уже в нужной форме: программа слова не склоняет.
      - id: warm
        label: Тёплое
        image: assets/card-warm.svg
        fragments: { mood: тепла, moodWish: [уюта, тёплых вечеров] }
      - id: bright
        label: Яркое
        image: assets/card-bright.svg
        fragments: { mood: ярких красок, moodWish: [смелых идей, новых открытий] }

# Шаблоны поздравлений со слотами {name}, {mood}…; «Другой вариант» показывает следующий.
# Имя стоит только в обращении: после него «,» или «!». Каждый шаблон использует каждый вопрос.
templates:
  - |-
    {name}, с праздником!
    Пусть в доме будет больше {mood}, а в жизни — {moodWish}.
  - |-
    {name}, поздравляю!
    Желаю {moodWish} и побольше {mood} каждый день.
`,
    en: `# Headline of the card on the share page; may use slots such as {name}.
cardTitle: 'A card for {name}'
# Card background when the chosen option has no picture of its own.
defaultImage: assets/card-default.svg

# Questions, one per screen. A question's id is the slot it fills: id name fills {name}.
questions:
  - type: text
    id: name
    title: Name
    hint: As you address them
    placeholder: For example, Sam
    maxLength: 30
  - type: choice
    id: mood
    title: Which mood?
    options:
      # fragments: the text for each slot, in the exact form the templates need.
      - id: warm
        label: Warm
        image: assets/card-warm.svg
        fragments: { mood: warmth, moodWish: [cosy evenings, a warm home] }
      - id: bright
        label: Bright
        image: assets/card-bright.svg
        fragments: { mood: colour, moodWish: [bold ideas, new discoveries] }

# Greetings with slots {name}, {mood}…; «Another one» shows the next. The name is only used to
# address the person, followed by «,» or «!». Every template uses every question.
templates:
  - |-
    {name}, happy holidays!
    May your home be full of {mood}, and your days of {moodWish}.
  - |-
    Dear {name}!
    Wishing you {moodWish} and plenty of {mood} every day.
`,
  },
  assets: {
    'assets/card-default.svg': placeholderCard('#e8e4dc', '#c9c2b4'),
    'assets/card-warm.svg': placeholderCard('#f6dcc4', '#e3a878'),
    'assets/card-bright.svg': placeholderCard('#d6e8f5', '#7fb3d9'),
  },
};

/** A neutral two-tone picture: something to replace, not a brand's artwork. */
function placeholderCard(background: string, shape: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080">
  <rect width="1080" height="1080" fill="${background}"/>
  <circle cx="780" cy="300" r="220" fill="${shape}"/>
  <rect x="120" y="640" width="600" height="300" rx="40" fill="${shape}" opacity="0.6"/>
</svg>
`;
}
