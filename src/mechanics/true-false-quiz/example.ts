import type { MechanicExample } from '../types.ts';

/** Three statements and results for every score: the smallest quiz that shows every feature. */
export const quizExample: MechanicExample = {
  yaml: {
    ru: `# Утверждения по порядку: answer — правда это (true) или вымысел (false), без кавычек.
# explanation показывается после ответа, каким бы он ни был.
questions:
  - statement: В Дании на Новый год бьют посуду о двери друзей.
    answer: true
    explanation: Чем больше осколков у двери, тем больше у хозяев друзей.
  - statement: В Японии в полночь едят двенадцать виноградин.
    answer: false
    explanation: Это испанская традиция. В Японии в новогоднюю ночь едят длинную лапшу.
  - statement: В Шотландии первый гость года приносит уголь.
    answer: true
    explanation: Уголь — к теплу в доме весь год.

# Результаты по числу верных ответов: диапазоны minScore–maxScore покрывают все баллы от 0
# до числа вопросов ровно по одному разу.
results:
  - minScore: 0
    maxScore: 1
    title: Начинающий путешественник
    text: Вы узнали много нового — самое время для новых традиций!
  - minScore: 2
    maxScore: 3
    title: Знаток традиций
    text: С вами не страшно встречать Новый год где угодно.

# Подписи кнопок; без этого блока — «Верю» и «Не верю».
labels:
  trueButton: Верю
  falseButton: Не верю
`,
    en: `# Statements in order: answer is true or false, without quotes.
# explanation is shown after the answer, whatever it was.
questions:
  - statement: In Denmark people smash plates against their friends' doors at New Year.
    answer: true
    explanation: The more shards at the door, the more friends the household has.
  - statement: In Japan people eat twelve grapes at midnight.
    answer: false
    explanation: That is a Spanish tradition. In Japan people eat long noodles on New Year's Eve.
  - statement: In Scotland the first guest of the year brings coal.
    answer: true
    explanation: Coal means a warm home all year.

# Results by the number of right answers: the minScore–maxScore ranges cover every score from
# 0 to the number of questions exactly once.
results:
  - minScore: 0
    maxScore: 1
    title: Curious traveller
    text: You learned a lot today; time for new traditions!
  - minScore: 2
    maxScore: 3
    title: Tradition expert
    text: Anyone would be glad to see in the New Year with you.

# Button labels, quoted: unquoted True and False would be yes/no values, not text.
labels:
  trueButton: 'True'
  falseButton: 'False'
`,
  },
};
