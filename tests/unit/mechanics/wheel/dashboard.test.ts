import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import { mechanicSections } from '../../../../src/admin/mechanic-sections.ts';
import { applyAction, startPlay } from '../../../../src/play/service.ts';
import { createMemoryStorage } from '../../../../src/storage/index.ts';
import { link, wheelProject } from './fixtures.ts';

describe('the wheel’s dashboard table', () => {
  it('shows prizes given against stock by tier, and the odds a prize that ran out passed on', async () => {
    const project = await wheelProject({
      prizes: [
        { id: 'scarce', label: 'Редкий', odds: 60, stock: 3, gift: link('Редкий') },
        { id: 'plenty', label: 'Частый', odds: 20, stock: 1000, gift: link('Частый') },
        { id: 'next-time', label: 'В другой раз', odds: 20, consolation: true },
      ],
    });
    const storage = createMemoryStorage();
    const tiers = ['regular', 'vip'];
    await storage.links.add(
      project.slug,
      Array.from({ length: 40 }, (_, index) => ({
        project: project.slug,
        token: `token-${String(index).padStart(20, '0')}`,
        customerId: `C${index}`,
        spend: index % 2 === 0 ? 1000 : 9000,
        group: 'target' as const,
        importedAt: '2026-12-01T00:00:00Z',
      })),
    );
    for (let index = 0; index < 40; index++) {
      const play = { project, storage, player: { key: `link:token-${String(index).padStart(20, '0')}` }, now: new Date() };
      await startPlay(play);
      await applyAction(play, { type: 'spin' });
    }
    const [section] = await mechanicSections(project, storage, 'ru');
    expect(section?.columns).toEqual([
      'Приз',
      'Шанс',
      'Запас',
      ...tiers.map((tier) => `Выдано: ${tier}`),
      'Выдано: без уровня',
      'Выдано',
      'Осталось',
    ]);
    const [scarce, plenty, consolation] = section?.rows ?? [];
    expect(scarce).toEqual(['Редкий', '60% → 0%', 3, expect.any(Number), expect.any(Number), 0, 3, 'закончился']);
    expect(plenty?.[1]).toBe('20% → 50%');
    expect(consolation?.[2]).toBe('без ограничений');
    const given = section?.rows.reduce((sum, row) => sum + Number(row[6]), 0);
    expect(given).toBe(40);
  });
});
