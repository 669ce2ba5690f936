import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';

vi.mock('../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import { loadProject, type LoadedProject } from '../../../src/config/load.ts';
import { applyAction, claimGift, startPlay, type PlayContext } from '../../../src/play/service.ts';
import { HttpError } from '../../../src/server/http.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';

const CYRILLIC = /[а-яё]/i;

async function project(locale: 'ru' | 'en', own: Record<string, unknown>): Promise<LoadedProject> {
  const slug = `lang-${own.kind as string}-${locale}`;
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'rekindle-lang-')), slug);
  await mkdir(dir);
  const config = {
    slug,
    locale,
    title: 'T',
    branding: { brandName: 'B' },
    intro: { title: 'I', startButton: 'S' },
    gift: { kind: 'link', title: 'G', url: 'https://shop.example.ru/' },
    share: { title: 'S', description: 'D', callToAction: 'C' },
    reactivation: { forecast: 1 },
    ...own,
  };
  await writeFile(path.join(dir, 'project.yaml'), stringify(config));
  return loadProject(dir);
}

const quiz = {
  kind: 'true-false-quiz',
  questions: [
    { statement: 'A', answer: true, explanation: 'a' },
    { statement: 'B', answer: false, explanation: 'b' },
  ],
  results: [{ minScore: 0, maxScore: 2, title: 'R', text: 'r' }],
};

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('refusals in the page’s language', () => {
  it('tells a Russian player in Russian, an English player in English, for service and quiz refusals alike', async () => {
    for (const locale of ['ru', 'en'] as const) {
      const context: PlayContext = {
        project: await project(locale, quiz),
        storage: createMemoryStorage(),
        player: { key: 'anon:lang-player-000001' },
        now: new Date(),
      };
      const messages = [
        await messageOf(applyAction(context, { type: 'answer', question: 0, answer: true })),
        await messageOf(claimGift(context)),
      ];
      await startPlay(context);
      messages.push(await messageOf(applyAction(context, { type: 'answer', question: 1, answer: true })));
      messages.push(await messageOf(applyAction(context, { type: 'cheat' })));
      for (const message of messages) expect(CYRILLIC.test(message), message).toBe(locale === 'ru');
    }
  });
});

describe('the seed handed to act', () => {
  it('differs between players, so two players answering alike need not get the same card', async () => {
    const templates = Array.from({ length: 12 }, (_, index) => `{name}, вариант ${index + 1}: {wish}`);
    const card = await project('ru', {
      kind: 'card-generator',
      questions: [
        { type: 'text', id: 'name', title: 'Имя', maxLength: 20 },
        { type: 'text', id: 'wish', title: 'Пожелание', maxLength: 20 },
      ],
      templates,
    });
    const storage = createMemoryStorage();
    const texts = new Set<string>();
    for (let index = 0; index < 6; index++) {
      const context: PlayContext = { project: card, storage, player: { key: `anon:seed-player-${index}-0000` }, now: new Date() };
      await startPlay(context);
      await applyAction(context, { type: 'answer', question: 0, value: 'Анна' });
      const status = await applyAction(context, { type: 'answer', question: 1, value: 'Счастья' });
      texts.add(String(status.summary?.text));
    }
    expect(texts.size).toBeGreaterThan(1);
  });
});
