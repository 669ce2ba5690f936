import type { Locale } from '../config/schemas/common.ts';

/** Dashboard UI strings. Russian is the default; `?lang=en` switches any admin page to English. */
const ru = {
  dashboardTitle: 'Rekindle — кабинет CRM',
  projectsHeading: 'Спецпроекты',
  noProjects: 'В папке проектов пока нет ни одного проекта.',
  brokenProjects: 'Эти проекты не загрузились — исправьте их конфиг (`npm run validate` покажет ошибки):',
  signOut: 'Выйти',
  otherLanguage: 'English',
  allProjects: '← Все проекты',

  setupHeading: 'Кабинет закрыт: пароль не задан',
  setupText: 'Задайте пароль администратора в окружении сервера и перезапустите его. Данные здесь не показываются, пока пароля нет.',
  setupHashStep: 'Лучше всего — хеш пароля: выполните команду и сохраните строку в REKINDLE_ADMIN_PASSWORD_HASH:',
  setupPlainStep: 'Или задайте сам пароль в REKINDLE_ADMIN_PASSWORD — сервер захеширует его при старте.',
  setupSecretStep: 'Для нескольких экземпляров за балансировщиком можно задать общий REKINDLE_SESSION_SECRET (32+ случайных символа).',

  loginHeading: 'Вход в кабинет',
  passwordLabel: 'Пароль',
  signIn: 'Войти',
  wrongPassword: (left: number) => `Неверный пароль. Осталось попыток: ${left}.`,
  rateLimited: (minutes: number) => `Слишком много неудачных попыток входа. Попробуйте снова через ${minutes} мин.`,
  staleForm: 'Форма устарела — страница обновлена, введите пароль ещё раз.',

  headline: 'Вернулись: факт / прогноз',
  noOrdersYet: 'Заказы ещё не загружены: возвраты появятся после импорта заказов (npm run orders -- import).',
  linksIssued: 'Выдано ссылок',
  completion: 'Прошли до конца',
  ofVisited: (share: string) => `${share} от открывших`,
  openProject: 'Отчёт',
  reportUnavailable: 'Отчёт не построился — подробности в журнале сервера.',
  projectNotFound: 'Такого проекта нет в папке проектов.',
  projectBroken: 'Конфиг проекта с ошибками — `npm run validate` покажет, что исправить.',

  funnelHeading: 'Воронка',
  funnelCaption:
    'Целевая группа: сколько людей дошло до каждого шага (в скобках — доля от выданных ссылок) и сколько отвалилось по сравнению с предыдущим шагом.',
  funnelOutcomes: (shared: string, completed: string, reactivated: string, links: string) =>
    `После игры: поделились результатом ${shared} из ${completed} прошедших. Вернулись (сыграв или нет): ${reactivated} из ${links}.`,
  step: 'Шаг',
  people: 'Людей',
  dropOff: 'Отвал',

  dailyHeading: 'По дням',
  dailyCaption: 'Открытия, прохождения и возвраты по дням.',
  dailySummary: (days: number, peakDay: string, peakVisits: string) => `${days} дн. Больше всего открытий — ${peakDay}: ${peakVisits}.`,
  dailyEmpty: 'Пока нет ни одного события.',
  dailyQuietSummary: (days: number, completions: string, reactivations: string) =>
    `${days} дн. Открытий не зафиксировано; прохождений: ${completions}, возвратов: ${reactivations}.`,
  day: 'День',
  showTable: 'Показать таблицей',

  controlHeading: 'Контроль против цели',
  controlCaption: 'Контрольная группа писем не получала: разница показывает, сколько возвратов принёс сам проект.',
  group: 'Группа',
  target: 'Цель',
  control: 'Контроль',
  customers: 'Клиентов',
  reactivated: 'Вернулись',
  rate: 'Доля',
  incremental: 'Дополнительные возвраты благодаря проекту',
  confidence: (low: string, high: string) => `95% доверительный интервал: от ${low} до ${high}`,
  noControl: 'Контрольной группы нет — эффект проекта оценить нельзя.',
  liftVerdict: {
    gain: 'Интервал целиком выше нуля: рассылка вернула больше клиентов, чем вернулось бы без неё.',
    loss: 'Интервал целиком ниже нуля: после рассылки вернулось меньше клиентов, чем в контроле.',
    unclear: 'Интервал захватывает ноль: пока нельзя сказать, что рассылка что-то изменила.',
  } as Record<'gain' | 'loss' | 'unclear', string>,
  tooEarly: 'Рано судить',
  tooEarlyNeeds: (target: number, control: number, minimum: number) =>
    `Интервал показывается, когда в каждой группе вернулось не меньше ${minimum} клиентов. Ещё нужно: ${[
      target > 0 ? `${target} в целевой группе` : '',
      control > 0 ? `${control} в контрольной` : '',
    ]
      .filter(Boolean)
      .join(' и ')}.`,
  tooEarlyShort: (target: number, control: number) =>
    `рано судить: нужно ещё ${[target > 0 ? `${target} в цели` : '', control > 0 ? `${control} в контроле` : ''].filter(Boolean).join(', ')}`,
  ittNote: 'Обе группы считаются одинаково: покупка в окне от даты рассылки, заходил человек в игру или нет.',
  attributedHeading: 'Приписано игре',
  attributedText: (fromSend: boolean, days: number) =>
    `Купили после визита в игру (${fromSend ? 'в окне от рассылки' : `в течение ${days} календ. дн. от первого визита`}). Это не эффект рассылки: многие вернулись бы и без неё — для решений смотрите прирост против контроля.`,
  points: 'п. п.',
  liftRange: (low: string, high: string) => `от ${low} до ${high}`,
  liftHeading: 'Прирост по сегментам и уровням трат',
  liftCaption: 'Доля вернувшихся в цели минус доля в контроле, в процентных пунктах, с 95% интервалом.',
  liftColumn: 'Прирост, 95% интервал',
  liftBadge: { gain: 'значимо выше', loss: 'значимо ниже', unclear: 'разница не доказана' } as Record<'gain' | 'loss' | 'unclear', string>,
  planHeading: 'Какой эффект заметит контрольная группа',
  planText: (difference: string, customers: string, baseRate: string, fromForecast: boolean) =>
    `С такими группами различим прирост от ${difference} (≈ ${customers} клиентов) при базовой доле ${baseRate}${fromForecast ? ' (доля прогноза; задайте reactivation.baseRate — долю, которая вернулась бы без рассылки)' : ''}; мощность 80%, α 5%.`,
  planWarning: (effect: string, difference: string) =>
    `Прогноз рассчитывает на прирост ${effect} — меньше различимого ${difference}: даже если прогноз сбудется, интервал, скорее всего, захватит ноль. Увеличьте контрольную группу или примите это заранее.`,
  planFormula: 'δ = (1,960 + 0,842) · √(p(1 − p)/n_контроль + (p + δ)(1 − p − δ)/n_цель)',
  planMissing:
    'Чтобы увидеть, какой прирост различит контрольная группа, задайте reactivation.baseRate — долю клиентов, которая вернулась бы без рассылки.',
  abHeading: 'A/B-тест вариантов',
  abCaption: 'Каждый вариант против контрольной группы и варианты друг против друга: разница долей вернувшихся с 95% интервалом.',
  abArm: 'Вариант',
  abPair: 'Пара',
  abArmRate: 'Доля: вариант',
  abFirstRate: 'Доля: первый',
  abSecondRate: 'Доля: второй',
  abPairLabel: (arm: string, other: string) => `${arm} против ${other}`,
  abWinner: (arm: string, other: string) =>
    `Вариант «${arm}» возвращает больше клиентов, чем «${other}»: интервал разницы целиком выше нуля.`,
  abNoWinner: 'Победителя нет: интервалы разницы между вариантами захватывают ноль (или данных пока мало).',

  segmentsHeading: 'Сегменты и уровни трат',
  segment: 'Сегмент',
  tier: 'Уровень',
  noSegment: 'без сегмента',
  noTier: 'без уровня',

  promoHeading: 'Промокоды',
  pool: 'Пул',
  remaining: 'Осталось',
  total: 'Всего',
  noPromo: 'В проекте нет пулов промокодов.',
  poolLow: 'заканчивается',
  poolEveryoneElse: 'Все остальные',
  poolSegment: (segment: string) => `Сегмент «${segment}»`,
  poolTier: (tier: string) => `Уровень «${tier}»`,
  poolArm: (arm: string) => `Вариант «${arm}»`,

  sharesHeading: 'Переходы к шерингу по сетям',
  network: 'Сеть',
  clicks: 'Нажатий',
  noShares: 'Пока никто не делился.',
  noShareClicks: 'По кнопкам сетей пока никто не переходил.',
  viralLoop: (shares: string, visits: string, started: string, completed: string) =>
    `Поделились результатом: ${shares}. Открыли страницу шеринга: ${visits}. Начали играть оттуда: ${started}, прошли до конца: ${completed}.`,

  previewHeading: 'Предпросмотр и галерея',
  previewLink: 'Предпросмотр и картинки',
  previewPlay: 'Сыграть без учёта',
  previewPlayHint:
    'Проект открывается в любые даты; можно перейти к любому вопросу и результату. Ничего не попадает в отчёт, промокоды — ненастоящие.',
  previewShare: (until: string) => `Ссылка для коллеги (действует до ${until}):`,
  galleryHeading: 'Картинки всех результатов',
  galleryEmpty: 'У этой механики нет списка результатов для галереи.',
  galleryOg: 'Для соцсетей (1200×630)',
  galleryStory: 'Для историй (1080×1920)',
  downloadCustomers: 'Скачать статусы клиентов (CSV)',
  downloadCustomersExcel: 'Для Excel',
  downloadHint: 'Строка на клиента: группа, открыл, прошёл, подарок, вернулся, вариант A/B — для следующих цепочек.',
  generatedAt: (when: string) => `Данные на ${when}.`,

  seriesVisits: 'Открытия',
  seriesCompletions: 'Прохождения',
  seriesReactivations: 'Возвраты',

  funnelSteps: {
    links: 'Ссылки выданы',
    visited: 'Открыли',
    started: 'Начали игру',
    completed: 'Прошли до конца',
    gift: 'Открыли подарок',
    shared: 'Поделились',
    reactivated: 'Вернулись',
  } as Record<string, string>,
  copyLink: 'Скопировали ссылку',
  nativeShare: 'Меню «Поделиться» телефона',
  windowText: (days: number, purchase: boolean) =>
    `Окно: ${days} календарных дней от рассылки, по часовому поясу проекта; ${purchase ? 'считается покупка' : 'считается участие в проекте'}.`,
  anonymousText: (visited: string, completed: string) =>
    `Без персональной ссылки (пересланные ссылки, шеринг): открыли ${visited}, прошли ${completed}.`,
};

export type AdminStrings = typeof ru;

const en: AdminStrings = {
  dashboardTitle: 'Rekindle — CRM dashboard',
  projectsHeading: 'Special projects',
  noProjects: 'There are no projects in the projects folder yet.',
  brokenProjects: 'These projects did not load; fix their config (`npm run validate` shows the errors):',
  signOut: 'Sign out',
  otherLanguage: 'Русский',
  allProjects: '← All projects',

  setupHeading: 'The dashboard is locked: no password is set',
  setupText: 'Set the admin password in the server’s environment and restart it. No data is shown here until there is one.',
  setupHashStep: 'Best: a password hash. Run the command and put the line it prints in REKINDLE_ADMIN_PASSWORD_HASH:',
  setupPlainStep: 'Or put the password itself in REKINDLE_ADMIN_PASSWORD; the server hashes it at startup.',
  setupSecretStep: 'For several instances behind a load balancer you may set a shared REKINDLE_SESSION_SECRET (32+ random characters).',

  loginHeading: 'Sign in to the dashboard',
  passwordLabel: 'Password',
  signIn: 'Sign in',
  wrongPassword: (left: number) => `Wrong password. Attempts left: ${left}.`,
  rateLimited: (minutes: number) => `Too many failed sign-in attempts. Try again in ${minutes} min.`,
  staleForm: 'The form had expired; the page has been refreshed, enter the password again.',

  headline: 'Came back: fact / forecast',
  noOrdersYet: 'No orders are in yet: reactivations appear once orders are imported (npm run orders -- import).',
  linksIssued: 'Links issued',
  completion: 'Completed',
  ofVisited: (share: string) => `${share} of visitors`,
  openProject: 'Report',
  reportUnavailable: 'The report failed to build; see the server log.',
  projectNotFound: 'There is no such project in the projects folder.',
  projectBroken: 'The project’s config has problems; `npm run validate` shows what to fix.',

  funnelHeading: 'Funnel',
  funnelCaption:
    'Target group: how many people reached each step (in brackets: share of links issued) and how many dropped off since the previous step.',
  funnelOutcomes: (shared: string, completed: string, reactivated: string, links: string) =>
    `After the game: ${shared} of the ${completed} who completed shared their result. Came back (whether they played or not): ${reactivated} of ${links}.`,
  step: 'Step',
  people: 'People',
  dropOff: 'Drop-off',

  dailyHeading: 'By day',
  dailyCaption: 'Visits, completions and reactivations per day.',
  dailySummary: (days: number, peakDay: string, peakVisits: string) => `${days} days. Most visits on ${peakDay}: ${peakVisits}.`,
  dailyEmpty: 'No events yet.',
  dailyQuietSummary: (days: number, completions: string, reactivations: string) =>
    `${days} days. No visits were recorded; completions: ${completions}, reactivations: ${reactivations}.`,
  day: 'Day',
  showTable: 'Show as a table',

  controlHeading: 'Control vs target',
  controlCaption: 'The control group got no mailing: the difference shows how many came back because of the project.',
  group: 'Group',
  target: 'Target',
  control: 'Control',
  customers: 'Customers',
  reactivated: 'Came back',
  rate: 'Rate',
  incremental: 'Extra reactivations caused by the project',
  confidence: (low: string, high: string) => `95% confidence interval: ${low} to ${high}`,
  noControl: 'There is no control group, so the project’s own effect cannot be measured.',
  liftVerdict: {
    gain: 'The whole interval is above zero: the mailing brought back more customers than would have come back without it.',
    loss: 'The whole interval is below zero: fewer customers came back after the mailing than in the control group.',
    unclear: 'The interval includes zero: it cannot be said yet that the mailing changed anything.',
  },
  tooEarly: 'Too early to tell',
  tooEarlyNeeds: (target: number, control: number, minimum: number) =>
    `The interval is shown once at least ${minimum} customers have come back in each group. Still needed: ${[
      target > 0 ? `${target} in the target group` : '',
      control > 0 ? `${control} in the control group` : '',
    ]
      .filter(Boolean)
      .join(' and ')}.`,
  tooEarlyShort: (target: number, control: number) =>
    `too early: needs ${[target > 0 ? `${target} more in target` : '', control > 0 ? `${control} more in control` : ''].filter(Boolean).join(', ')}`,
  ittNote: 'Both groups are counted alike: a purchase inside the window from the send date, whether or not the customer visited the game.',
  attributedHeading: 'Attributed to the game',
  attributedText: (fromSend: boolean, days: number) =>
    `Bought after visiting the game (${fromSend ? 'inside the window from the send date' : `within ${days} calendar days of the first visit`}). This is not the mailing’s effect: many would have come back anyway; decide on the lift against the control group.`,
  points: 'pp',
  liftRange: (low: string, high: string) => `${low} to ${high}`,
  liftHeading: 'Lift by segment and spend tier',
  liftCaption: 'Target reactivation rate minus control rate, in percentage points, with its 95% interval.',
  liftColumn: 'Lift, 95% interval',
  liftBadge: { gain: 'clearly higher', loss: 'clearly lower', unclear: 'no proven difference' },
  planHeading: 'What effect the control group can detect',
  planText: (difference: string, customers: string, baseRate: string, fromForecast: boolean) =>
    `With these groups a lift of ${difference} (≈ ${customers} customers) or more is detectable at a base rate of ${baseRate}${fromForecast ? ' (the forecast’s rate; set reactivation.baseRate, the share that would come back without the mailing)' : ''}; power 80%, α 5%.`,
  planWarning: (effect: string, difference: string) =>
    `The forecast counts on a lift of ${effect}, smaller than the detectable ${difference}: even if the forecast comes true, the interval will probably include zero. Enlarge the control group, or accept this before sending.`,
  planFormula: 'δ = (1.960 + 0.842) · √(p(1 − p)/n_control + (p + δ)(1 − p − δ)/n_target)',
  planMissing:
    'To see the smallest lift the control group can detect, set reactivation.baseRate: the share of customers who would come back without the mailing.',
  abHeading: 'A/B test of arms',
  abCaption:
    'Each arm against the control group, and the arms against each other: the difference of reactivation rates with its 95% interval.',
  abArm: 'Arm',
  abPair: 'Pair',
  abArmRate: 'Rate: arm',
  abFirstRate: 'Rate: first',
  abSecondRate: 'Rate: second',
  abPairLabel: (arm: string, other: string) => `${arm} vs ${other}`,
  abWinner: (arm: string, other: string) =>
    `Arm «${arm}» brings back more customers than «${other}»: the whole interval of the difference is above zero.`,
  abNoWinner: 'No winner: the intervals of the differences between arms include zero (or there is too little data yet).',

  segmentsHeading: 'Segments and spend tiers',
  segment: 'Segment',
  tier: 'Tier',
  noSegment: 'no segment',
  noTier: 'no tier',

  promoHeading: 'Promo codes',
  pool: 'Pool',
  remaining: 'Left',
  total: 'Total',
  noPromo: 'This project has no promo code pools.',
  poolLow: 'running out',
  poolEveryoneElse: 'Everyone else',
  poolSegment: (segment: string) => `Segment “${segment}”`,
  poolTier: (tier: string) => `Tier “${tier}”`,
  poolArm: (arm: string) => `Arm “${arm}”`,

  sharesHeading: 'Share clicks by network',
  network: 'Network',
  clicks: 'Clicks',
  noShares: 'Nobody has shared yet.',
  noShareClicks: 'Nobody has used a network’s share button yet.',
  viralLoop: (shares: string, visits: string, started: string, completed: string) =>
    `Results shared: ${shares}. Share page visits: ${visits}. Plays started from a share page: ${started}, completed: ${completed}.`,

  previewHeading: 'Preview and gallery',
  previewLink: 'Preview and images',
  previewPlay: 'Play uncounted',
  previewPlayHint:
    'The project opens whatever its dates; jump to any question or result. Nothing reaches the report, and promo codes are not real.',
  previewShare: (until: string) => `A link for a colleague (valid until ${until}):`,
  galleryHeading: 'Images of every result',
  galleryEmpty: 'This mechanic has no list of results for the gallery.',
  galleryOg: 'For social networks (1200×630)',
  galleryStory: 'For stories (1080×1920)',
  downloadCustomers: 'Download customer statuses (CSV)',
  downloadCustomersExcel: 'For Excel',
  downloadHint: 'One row per customer: group, visited, completed, gift, came back, A/B arm; for follow-up chains.',
  generatedAt: (when: string) => `Data as of ${when}.`,

  seriesVisits: 'Visits',
  seriesCompletions: 'Completions',
  seriesReactivations: 'Reactivations',

  funnelSteps: {
    links: 'Links issued',
    visited: 'Visited',
    started: 'Started the game',
    completed: 'Completed',
    gift: 'Opened the gift',
    shared: 'Shared',
    reactivated: 'Came back',
  },
  copyLink: 'Copied the link',
  nativeShare: 'Phone’s share menu',
  windowText: (days: number, purchase: boolean) =>
    `Window: ${days} calendar days from the send date, in the project’s time zone; ${purchase ? 'a purchase counts' : 'taking part counts'}.`,
  anonymousText: (visited: string, completed: string) =>
    `Without a personal link (forwarded links, shares): ${visited} visited, ${completed} completed.`,
};

const dictionaries: Record<Locale, AdminStrings> = { ru, en };

export function adminStrings(locale: Locale): AdminStrings {
  return dictionaries[locale];
}

/** An admin link that keeps an explicit `?lang=` choice. */
export function adminHref(path: string, url: URL): string {
  const requested = url.searchParams.get('lang');
  if (requested !== 'en' && requested !== 'ru') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${requested}`;
}
