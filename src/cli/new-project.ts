import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '../config/schemas/common.ts';
import type { AnyMechanic } from '../mechanics/registry.ts';

/**
 * The files of a new project folder: a commented project.yaml (the shared fields written here,
 * the mechanic's own part from its `example`), neutral placeholder pictures of its own (no
 * brand's artwork is copied) and a sample customer file to try the import with.
 */
export interface NewProjectFiles {
  /** Path inside the project folder → content. */
  files: Map<string, string>;
}

export interface NewProjectOptions {
  slug: string;
  mechanic: AnyMechanic & { example: NonNullable<AnyMechanic['example']> };
  locale: Locale;
  /** Path from the project folder to project.schema.json, for the editor hint on line 1. */
  schemaPath: string;
  /** The campaign starts today and runs four weeks, so the new project plays at once. */
  today: Date;
}

export const SAMPLE_CUSTOMERS_FILE = 'customers.sample.csv';

export function newProjectFiles(options: NewProjectOptions): NewProjectFiles {
  const { mechanic, locale } = options;
  const yaml = `${sharedYaml(options)}\nkind: ${mechanic.kind}\n\n${mechanic.example.yaml[locale].trimEnd()}\n`;
  const files = new Map<string, string>([
    ['project.yaml', yaml],
    ['assets/logo.svg', PLACEHOLDER_LOGO],
    ['assets/hero.svg', PLACEHOLDER_HERO],
    [SAMPLE_CUSTOMERS_FILE, SAMPLE_CUSTOMERS[locale]],
    ...Object.entries(mechanic.example.assets ?? {}),
  ]);
  return { files };
}

/** Writes the files into `folder`, which must not exist yet (an author's work is never overwritten). */
export async function writeProjectFolder(folder: string, { files }: NewProjectFiles): Promise<void> {
  await mkdir(path.dirname(folder), { recursive: true });
  await mkdir(folder);
  for (const [name, content] of files) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), content, { flag: 'wx' });
  }
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function sharedYaml({ slug, locale, schemaPath, today }: NewProjectOptions): string {
  const startsAt = isoDate(today);
  const endsAt = isoDate(new Date(today.getTime() + 28 * 24 * 3600 * 1000));
  const copy = SHARED_COPY[locale];
  return `# yaml-language-server: $schema=${schemaPath}
# ${copy.header}
slug: ${slug}
locale: ${locale}
title: ${copy.title}

# ${copy.scheduleComment}
schedule:
  startsAt: '${startsAt}'
  endsAt: '${endsAt}'
  timezone: Europe/Moscow

# ${copy.brandingComment}
branding:
  brandName: ${copy.brandName}
  colors:
    primary: '#2f5d8a'
    onPrimary: '#ffffff'
    background: '#f7f5f0'
    text: '#1f2328'
    surface: '#ffffff'
  logo: assets/logo.svg
  heroImage: assets/hero.svg
  font: pt-sans

# ${copy.introComment}
intro:
  title: ${copy.introTitle}
  titleWithName: '${copy.introTitleWithName}'
  text: ${copy.introText}
  startButton: ${copy.startButton}

teaser:
  title: ${copy.teaserTitle}
closing:
  title: ${copy.closingTitle}

# ${copy.giftComment}
gift:
  kind: link
  title: ${copy.giftTitle}
  url: https://example.com/
  buttonLabel: ${copy.giftButton}

# ${copy.shareComment}
share:
  title: '{title}'
  description: ${copy.shareDescription}
  callToAction: ${copy.shareCallToAction}

# ${copy.reactivationComment}
reactivation:
  forecast: 0
  windowDays: 30
  controlShare: 0.1
`;
}

const SHARED_COPY = {
  ru: {
    header: 'Новый спецпроект. Поля с подсказками: наведите курсор в редакторе; проверка: npm run validate.',
    title: 'Новый спецпроект',
    scheduleComment: 'До startsAt игроки видят тизер, после endsAt — закрывающую страницу.',
    brandingComment: 'Цвета, логотип и картинка первого экрана: замените заглушки своими файлами.',
    brandName: 'Магазин',
    introComment: 'Первый экран. {name} в titleWithName заменяется именем клиента из персональной ссылки.',
    introTitle: 'Сыграем?',
    introTitleWithName: '{name}, сыграем?',
    introText: 'Пара минут — и подарок ваш.',
    startButton: 'Начать',
    teaserTitle: 'Игра скоро начнётся',
    closingTitle: 'Игра закончилась, спасибо, что были с нами!',
    giftComment: 'Подарок после игры: link, promo-code, file или booklet (см. подсказки схемы).',
    giftTitle: 'Ваш подарок',
    giftButton: 'Забрать подарок',
    shareComment: 'Тексты страницы «поделиться»: {title} — заголовок результата игрока, {score} — его счёт.',
    shareDescription: 'Сыграйте и вы!',
    shareCallToAction: 'Сыграть',
    reactivationComment: 'Прогноз вернувшихся клиентов (forecast) и доля контрольной группы.',
  },
  en: {
    header: 'A new special project. Fields explain themselves on hover in the editor; check with npm run validate.',
    title: 'A new special project',
    scheduleComment: 'Before startsAt players see the teaser, after endsAt the closing page.',
    brandingComment: 'Colours, logo and intro picture: replace the placeholders with your own files.',
    brandName: 'Shop',
    introComment: 'The first screen. {name} in titleWithName is replaced by the customer’s name from their personal link.',
    introTitle: 'Shall we play?',
    introTitleWithName: '{name}, shall we play?',
    introText: 'Two minutes, and the gift is yours.',
    startButton: 'Start',
    teaserTitle: 'The game starts soon',
    closingTitle: 'The game is over; thank you for playing!',
    giftComment: 'The gift after the game: link, promo-code, file or booklet (see the schema’s hints).',
    giftTitle: 'Your gift',
    giftButton: 'Get the gift',
    shareComment: 'Texts of the share page: {title} is the player’s result title, {score} their score.',
    shareDescription: 'Play it too!',
    shareCallToAction: 'Play',
    reactivationComment: 'Forecast of customers who come back, and the share held out as the control group.',
  },
} satisfies Record<Locale, Record<string, string>>;

const SAMPLE_CUSTOMERS: Record<Locale, string> = {
  ru: 'customer_id,name,email,phone,segment,total_spend\nsample-1,Анна,anna@example.com,+7 900 000-00-01,спящие,1 500\nsample-2,Олег,oleg@example.com,,спящие,12 000\nsample-3,Мария,maria@example.com,+7 900 000-00-03,ушедшие,64 000\n',
  en: 'customer_id,name,email,phone,segment,total_spend\nsample-1,Anna,anna@example.com,+44 7700 900001,lapsed,1500\nsample-2,Oliver,oliver@example.com,,lapsed,12000\nsample-3,Maria,maria@example.com,+44 7700 900003,churned,64000\n',
};

/** A plain rounded mark: to be replaced by the shop's logo, never mistaken for one. */
const PLACEHOLDER_LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48">
  <rect x="1" y="1" width="158" height="46" rx="10" fill="none" stroke="#2f5d8a" stroke-width="2" stroke-dasharray="6 4"/>
  <text x="80" y="30" font-family="sans-serif" font-size="16" text-anchor="middle" fill="#2f5d8a">LOGO</text>
</svg>
`;

/** Soft shapes in the placeholder colours, for the intro screen. */
const PLACEHOLDER_HERO = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="#e6ecf2"/>
  <circle cx="900" cy="260" r="200" fill="#c5d4e3"/>
  <circle cx="320" cy="560" r="260" fill="#d6e0ea"/>
  <rect x="520" y="420" width="360" height="240" rx="32" fill="#2f5d8a" opacity="0.25"/>
</svg>
`;
