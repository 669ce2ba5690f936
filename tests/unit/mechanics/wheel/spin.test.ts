import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import type { LoadedProject } from '../../../../src/config/load.ts';
import type { WheelState } from '../../../../src/mechanics/wheel/rules.ts';
import { applyAction, claimGift, earnedGift, playStatus, startPlay, type PlayContext } from '../../../../src/play/service.ts';
import { HttpError } from '../../../../src/server/http.ts';
import { createMemoryStorage, createStorage } from '../../../../src/storage/index.ts';
import type { Storage } from '../../../../src/storage/types.ts';
import { link, wheelProject } from './fixtures.ts';

const scarce = {
  prizes: [
    { id: 'scarce', label: 'Редкий', odds: 99, stock: 50, gift: link('Редкий приз') },
    { id: 'next-time', label: 'В другой раз', odds: 1, consolation: true },
  ],
};

function context(project: LoadedProject, storage: Storage, key: string): PlayContext {
  return { project, storage, player: { key }, now: new Date('2026-12-20T10:00:00Z') };
}

async function spinOnce(project: LoadedProject, storage: Storage, key: string): Promise<string> {
  const play = context(project, storage, key);
  await startPlay(play);
  await applyAction(play, { type: 'spin' });
  const record = await storage.plays.get(project.slug, key);
  return (record?.state as WheelState | undefined)?.spins[0]?.prize ?? '';
}

async function status(promise: Promise<unknown>): Promise<{ status: number; code: string } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code };
    throw error;
  }
}

describe('the wheel under concurrent spins', () => {
  it.each([
    ['memory', async () => createMemoryStorage()],
    ['local', async () => createStorage({ dataDir: await mkdtemp(path.join(tmpdir(), 'rekindle-wheel-race-')) })],
  ])('gives a 50-unit prize exactly 50 times when 500 players spin at once (%s store)', async (_name, open) => {
    const project = await wheelProject(scarce);
    const storage = await open();
    const prizes = await Promise.all(Array.from({ length: 500 }, (_, index) => spinOnce(project, storage, `anon:racer-${index}-000000`)));
    expect(prizes.filter((prize) => prize === 'scarce')).toHaveLength(50);
    expect(prizes.filter((prize) => prize === 'next-time')).toHaveLength(450);
    expect(await storage.promo.taken(project.slug, 'wheel:scarce')).toBe(50);
    await storage.close();
  });

  it('records each draw: the roll, the prizes that ran out, and the odds that decided', async () => {
    const project = await wheelProject(scarce);
    const storage = createMemoryStorage();
    for (let index = 0; index < 60; index++) await spinOnce(project, storage, `anon:recorded-${index}-0000`);
    const late = (await storage.plays.get(project.slug, 'anon:recorded-59-0000'))?.state as WheelState;
    const spin = late.spins[0];
    expect(spin?.roll).toBeGreaterThanOrEqual(0);
    expect(spin?.roll).toBeLessThan(1);
    if (spin?.roll !== undefined && spin.roll < 0.99) {
      expect(spin).toMatchObject({ prize: 'next-time', ranOut: ['scarce'], odds: { 'next-time': 100 } });
    }
  });
});

describe('spins a player may not make', () => {
  it('refuses a second spin, and lets only one of two simultaneous spins count', async () => {
    const project = await wheelProject(scarce);
    const storage = createMemoryStorage();
    const play = context(project, storage, 'anon:twice-spinner-0000');
    await startPlay(play);
    const both = await Promise.all([status(applyAction(play, { type: 'spin' })), status(applyAction(play, { type: 'spin' }))]);
    expect(both.filter((result) => result === 'ok')).toHaveLength(1);
    expect(await status(applyAction(play, { type: 'spin' }))).toEqual({ status: 409, code: 'no-spins-left' });
    expect(await status(applyAction(play, { type: 'spin', prize: 'scarce' }))).toMatchObject({ status: 400 });
    expect(((await storage.plays.get(project.slug, play.player.key))?.state as WheelState | undefined)?.spins).toHaveLength(1);
    expect(await storage.promo.taken(project.slug, 'wheel:scarce')).toBeLessThanOrEqual(1);
  });

  it('allows as many spins as spinsPerLink says, and gives the first real prize won', async () => {
    const project = await wheelProject({ ...scarce, spinsPerLink: 3 });
    const storage = createMemoryStorage();
    const play = context(project, storage, 'anon:three-spins-00000');
    await startPlay(play);
    for (let spin = 0; spin < 3; spin++) await applyAction(play, { type: 'spin' });
    expect(await status(applyAction(play, { type: 'spin' }))).toEqual({ status: 409, code: 'no-spins-left' });
    const view = (await playStatus(play)).view as { spinsLeft: number };
    expect(view.spinsLeft).toBe(0);
    expect((await earnedGift(play)).title).toBe('Редкий приз');
  });
});

describe('the draw', () => {
  it('is the same for the same player and spreads by the odds across players', async () => {
    const project = await wheelProject({
      prizes: [
        { id: 'often', label: 'Часто', odds: 70, stock: 5000, gift: link('Часто') },
        { id: 'next-time', label: 'В другой раз', odds: 30, consolation: true },
      ],
    });
    const first = createMemoryStorage();
    const second = createMemoryStorage();
    const counts = { often: 0, 'next-time': 0 } as Record<string, number>;
    for (let index = 0; index < 1000; index++) {
      const key = `anon:odds-player-${index}-00`;
      const prize = await spinOnce(project, first, key);
      expect(await spinOnce(project, second, key)).toBe(prize);
      counts[prize] = (counts[prize] ?? 0) + 1;
    }
    // 70% of 1000 = 700; the binomial standard deviation is about 14.5, so ±4σ.
    expect(counts.often).toBeGreaterThan(700 - 58);
    expect(counts.often).toBeLessThan(700 + 58);
  });

  it('gives a promo-code prize’s code from its pool, and that code again when the gift opens', async () => {
    const project = await wheelProject(
      {
        prizes: [
          {
            id: 'code',
            label: 'Код',
            odds: 100,
            gift: { kind: 'promo-code', title: 'Промокод', pool: 'gifts/codes.csv', fallback: { title: 'Нет', text: 'Нет' } },
          },
          { id: 'next-time', label: 'В другой раз', odds: 0, consolation: true },
        ],
      },
      { 'gifts/codes.csv': 'code\nWHEEL-AAA1\nWHEEL-BBB2\n' },
    );
    const storage = createMemoryStorage();
    const play = context(project, storage, 'anon:code-winner-00000');
    await startPlay(play);
    await applyAction(play, { type: 'spin' });
    const state = (await storage.plays.get(project.slug, play.player.key))?.state as WheelState;
    const gift = await claimGift(play);
    expect(gift).toMatchObject({ kind: 'promo-code', code: state.spins[0]?.unit });
    expect(['WHEEL-AAA1', 'WHEEL-BBB2']).toContain(state.spins[0]?.unit);
    for (let index = 0; index < 3; index++) await spinOnce(project, storage, `anon:code-late-${index}-000`);
    expect(await storage.promo.taken(project.slug, 'gifts/codes.csv')).toBe(2);
  });
});
