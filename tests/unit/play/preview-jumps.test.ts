import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import type { LoadedProject } from '../../../src/config/load.ts';
import { cardPreviewPlays } from '../../../src/mechanics/card-generator/preview.ts';
import { currentPreviewJump, jumpTo, previewJumps, previewResults, previewStorage } from '../../../src/play/preview.ts';
import { applyAction, claimGift, playStatus, type PlayContext } from '../../../src/play/service.ts';
import { parseShareContent } from '../../../src/share/content.ts';
import { surveyProject } from '../mechanics/survey/fixtures.ts';
import { link, wheelProject } from '../mechanics/wheel/fixtures.ts';

const NOW = new Date('2020-01-01T12:00:00Z');
/** Titles are typeset with no-break spaces; the tests read them as plain ones. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const plainly = (value: unknown): unknown => JSON.parse(plain(JSON.stringify(value)));

function previewContext(project: LoadedProject, key: string): PlayContext {
  return { project, storage: previewStorage(), player: { key }, now: NOW, preview: true };
}

/** Jumps to each preview play in turn and returns what the player then sees and gets. */
async function visitEach(project: LoadedProject, key: string) {
  const context = previewContext(project, key);
  const visits = [];
  for (const jump of previewJumps(project, NOW)) {
    await jumpTo(project, context.player, jump.index, NOW);
    const status = await playStatus(context);
    const gift = status.completed ? await claimGift(context) : undefined;
    visits.push({ label: plain(jump.label), status, gift, current: await currentPreviewJump(project, context.player, NOW) });
  }
  return visits;
}

describe('preview jumps of a survey', () => {
  it('reach every question, the follow-up included, and every remedy as the tier it is for', async () => {
    const project = await surveyProject();
    const visits = await visitEach(project, 'preview:survey-author-0001');
    expect(visits.map((visit) => visit.label)).toEqual([
      'Почему вы ушли?',
      'Порекомендуете?',
      'Что исправить?',
      'Спасибо! — Дорого (Уровень: vip)',
      'Спасибо! — Дорого',
      'Спасибо! — Далеко',
    ]);
    expect(visits.slice(0, 3).map((visit) => visit.status.view)).toMatchObject([
      { stage: 'question', question: { id: 'reason' } },
      { stage: 'question', question: { id: 'nps' } },
      { stage: 'question', question: { id: 'fix' } },
    ]);
    expect(visits.slice(3).map((visit) => [visit.status.completed, visit.gift?.title])).toEqual([
      [true, 'VIP-скидка'],
      [true, 'Скидка'],
      [true, 'Доставка'],
    ]);
    expect(visits.map((visit) => visit.current)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('gives the gallery drawable results: the answers behind them are for the CRM, never on an image', async () => {
    const results = previewResults(await surveyProject(), NOW);
    expect(results).toHaveLength(3);
    for (const result of results)
      expect(plainly(parseShareContent(result.summary))).toEqual({ title: 'Спасибо!', text: 'Я ответил на опрос.' });
  });

  it('shows the plain thank-you when a player can finish without a remedy', async () => {
    const project = await surveyProject({
      kind: 'survey',
      questions: [
        {
          id: 'reason',
          type: 'single',
          title: 'Почему?',
          options: [
            { id: 'far', label: 'Далеко' },
            { id: 'expensive', label: 'Дорого', remedy: [{ gift: link('Скидка') }] },
          ],
        },
      ],
      thanks: { title: 'Спасибо!' },
    });
    const labels = previewResults(project, NOW).map((result) => plain(result.label));
    expect(labels).toEqual(['Спасибо!', 'Спасибо! — Дорого']);
  });
});

describe('preview jumps of a wheel', () => {
  const prizes = {
    prizes: [
      { id: 'big', label: 'Большой приз', odds: 5, stock: 1, gift: link('Большой') },
      { id: 'small', label: 'Малый приз', description: 'Скидка 5%', odds: 25, stock: 10, gift: link('Малый') },
      { id: 'next-time', label: 'В другой раз', odds: 70, consolation: true },
    ],
  };

  it('reach the wheel before its spin and every prize, without taking real stock', async () => {
    const project = await wheelProject(prizes);
    const visits = await visitEach(project, 'preview:wheel-author-0001');
    expect(visits.map((visit) => visit.label)).toEqual([
      'Крутить колесо',
      'Ваш приз: Большой приз',
      'Ваш приз: Малый приз',
      'Ваш приз: В другой раз',
    ]);
    expect(visits[0]?.status).toMatchObject({ completed: false, view: { spinsLeft: 1 } });
    expect(visits.slice(1).map((visit) => [visit.status.view, visit.gift?.title].map(plainly))).toMatchObject([
      [{ won: { label: 'Большой приз', sector: 0 } }, 'Большой'],
      [{ won: { label: 'Малый приз', sector: 1, description: 'Скидка 5%' } }, 'Малый'],
      [{ won: { label: 'В другой раз', sector: 2 } }, 'Утешительный подарок'],
    ]);
    expect(visits.map((visit) => visit.current)).toEqual([0, 1, 2, 3]);
  });

  it('gives the gallery one result per prize', async () => {
    const project = await wheelProject(prizes);
    expect(previewResults(project, NOW).map((result) => plain(result.summary.title))).toEqual([
      'Мой приз: Большой приз',
      'Мой приз: Малый приз',
      'Мой приз: В другой раз',
    ]);
  });
});

describe('the current jump', () => {
  it('is the step with as many answers behind it when the author answered otherwise than the jump', async () => {
    const project = await surveyProject();
    const context = previewContext(project, 'preview:survey-author-0002');
    expect(await currentPreviewJump(project, context.player, NOW)).toBe(0);
    await jumpTo(project, context.player, 0, NOW);
    await applyAction(context, { type: 'answer', question: 'reason', value: 'far' });
    expect(await currentPreviewJump(project, context.player, NOW)).toBe(1);
  });
});

describe('preview jumps of a card', () => {
  it('name each card by its question and option without doubled punctuation', () => {
    const plays = cardPreviewPlays({
      kind: 'card-generator',
      locale: 'ru',
      questions: [{ id: 'mood', type: 'choice', title: 'Какое настроение?', multiple: false, options: [{ id: 'bright', label: 'Яркое' }] }],
    } as unknown as Parameters<typeof cardPreviewPlays>[0]);
    expect(plays.at(-1)?.label).toBe('Какое настроение? — Яркое');
  });
});
