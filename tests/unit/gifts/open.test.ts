import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GiftConfig } from '../../../src/config/schemas/gift.ts';
import { openGift, type GiftView } from '../../../src/gifts/index.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import { bookletGift, giftProject, projectFolder, promoGift } from './project-fixture.ts';

const poolOf = (count: number) =>
  ['code', ...Array.from({ length: count }, (_, index) => `NY2021-${String(index).padStart(3, '0')}`)].join('\n');

function promoProject(codeCount: number) {
  return giftProject(projectFolder({ 'gifts/codes.csv': poolOf(codeCount) }), { gift: promoGift });
}

afterEach(() => vi.restoreAllMocks());

describe('openGift with a promo-code pool', () => {
  it('gives 30 players distinct codes and the other 20 the fallback when 50 open at once', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const project = promoProject(30);
    const storage = createMemoryStorage();
    const players = Array.from({ length: 50 }, (_, index) => `link:token-${index}`);

    const views = await Promise.all(players.map((player) => openGift({ project, storage, player })));

    const codes = views.flatMap((view) => (view.kind === 'promo-code' && view.code ? [view.code] : []));
    expect(codes).toHaveLength(30);
    expect(new Set(codes).size).toBe(30);
    const fallbacks = views.filter((view) => view.kind === 'promo-code' && 'fallback' in view);
    expect(fallbacks).toHaveLength(20);
    expect(fallbacks[0]).toMatchObject({ fallback: promoGift.fallback });
    expect(await storage.promo.taken(project.slug, promoGift.pool)).toBe(30);
  });

  it('gives a player the same code on every repeat', async () => {
    const project = promoProject(5);
    const storage = createMemoryStorage();
    const first = await openGift({ project, storage, player: 'link:abc' });
    const again = await Promise.all([1, 2, 3].map(() => openGift({ project, storage, player: 'link:abc' })));
    expect(first).toEqual({
      kind: 'promo-code',
      title: 'Ваш промокод',
      description: undefined,
      code: 'NY2021-000',
      howToUse: promoGift.howToUse,
    });
    expect(again).toEqual([first, first, first]);
    expect(await storage.promo.taken(project.slug, promoGift.pool)).toBe(1);
  });

  it('logs one structured line per exhausted claim, naming the player kind but not the token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const project = promoProject(1);
    const storage = createMemoryStorage();
    await openGift({ project, storage, player: 'link:first-token' });
    await openGift({ project, storage, player: 'link:secret-token' });

    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).not.toContain('secret-token');
    expect(JSON.parse(line)).toMatchObject({
      level: 'warn',
      event: 'promo-pool-exhausted',
      project: 'new-year',
      pool: 'gifts/codes.csv',
      playerKind: 'link',
    });
  });
});

describe('openGift views', () => {
  const storage = createMemoryStorage();

  it('shows a booklet as its pages and the PDF route', async () => {
    const dir = projectFolder({ 'booklet/01-cuba.md': '# Куба\n\nПосуда', 'booklet/02-italy.md': '# Италия' });
    const view = await openGift({ project: giftProject(dir), storage, player: 'anon:1' });
    expect(view).toEqual({
      kind: 'booklet',
      title: bookletGift.title,
      description: bookletGift.description,
      pages: [
        { title: 'Куба', html: '<h1>Куба</h1>\n<p>Посуда</p>' },
        { title: 'Италия', html: '<h1>Италия</h1>' },
      ],
      pdfUrl: '/new-year/gift/pdf',
      pdfFileName: 'gift.pdf',
    } satisfies GiftView);
  });

  it('shows a file as the file route and a safe download name', async () => {
    const gift: GiftConfig = { kind: 'file', title: 'Обои', path: 'gifts/Обои Hoff.png', buttonLabel: 'Скачать обои' };
    const view = await openGift({ project: giftProject(projectFolder({}), { gift }), storage, player: 'anon:1' });
    expect(view).toEqual({
      kind: 'file',
      title: 'Обои',
      description: undefined,
      url: '/new-year/gift/file',
      fileName: 'oboi-hoff.png',
      buttonLabel: 'Скачать обои',
    });
  });

  it('shows a link with its label', async () => {
    const gift: GiftConfig = { kind: 'link', title: 'Распродажа', url: 'https://hoff.ru/sale/', buttonLabel: 'В магазин' };
    const view = await openGift({ project: giftProject(projectFolder({}), { gift }), storage, player: 'anon:1' });
    expect(view).toMatchObject({ kind: 'link', url: 'https://hoff.ru/sale/', label: 'В магазин' });
  });

  it('gives a customer the gift of their spend tier', async () => {
    const vip: GiftConfig = { kind: 'link', title: 'VIP', url: 'https://hoff.ru/vip/' };
    const project = giftProject(projectFolder({ 'booklet/01.md': '# Книга' }), {
      giftRules: [{ when: { tier: 'vip' }, gift: vip }],
    });
    expect(await openGift({ project, storage, player: 'link:v', customer: { spend: 75000 } })).toMatchObject({ title: 'VIP' });
    expect(await openGift({ project, storage, player: 'link:r', customer: { spend: 1000 } })).toMatchObject({ kind: 'booklet' });
    expect(await openGift({ project, storage, player: 'anon:a' })).toMatchObject({ kind: 'booklet' });
  });
});
