import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadProject, type LoadedProject } from '../../../../src/config/load.ts';

const link = (title: string) => ({ kind: 'link', title, url: 'https://shop.example.ru/' });

/** The survey of these tests: a reason with remedies by tier, NPS, and a follow-up for detractors. */
export const surveyFields = {
  kind: 'survey',
  questions: [
    {
      id: 'reason',
      type: 'single',
      title: 'Почему вы ушли?',
      options: [
        { id: 'expensive', label: 'Дорого', remedy: [{ tier: 'vip', gift: link('VIP-скидка') }, { gift: link('Скидка') }] },
        { id: 'far', label: 'Далеко', remedy: [{ gift: link('Доставка') }] },
        { id: 'own', label: 'Свой вариант', ownAnswer: true },
      ],
    },
    { id: 'nps', type: 'nps', title: 'Порекомендуете?', scale: { low: 'Нет', high: 'Да' } },
    { id: 'fix', type: 'text', title: 'Что исправить?', optional: true, showIf: { question: 'nps', answers: ['detractor'] } },
  ],
  thanks: { title: 'Спасибо!', text: 'Ваш подарок ниже.', shareText: 'Я ответил на опрос.' },
  moderation: { blockList: ['конкурент*'] },
};

export async function surveyProject(own: Record<string, unknown> = surveyFields): Promise<LoadedProject> {
  const slug = 'test-survey';
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'rekindle-survey-')), slug);
  await mkdir(dir);
  await writeFile(
    path.join(dir, 'project.yaml'),
    stringify({
      slug,
      locale: 'ru',
      title: 'Опрос',
      branding: { brandName: 'Тест' },
      intro: { title: 'Опрос', startButton: 'Ответить' },
      gift: link('Общий подарок'),
      tiers: [
        { name: 'regular', maxSpend: 3000 },
        { name: 'vip', minSpend: 3000 },
      ],
      share: { title: '{title}', description: 'Опрос', callToAction: 'Пройти' },
      reactivation: { forecast: 1 },
      ...own,
    }),
  );
  return loadProject(dir);
}
