import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';

vi.mock('../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import { loadProject, type LoadedProject } from '../../../src/config/load.ts';
import type { ConformanceScript } from '../../../src/mechanics/conformance.ts';
import { mechanics } from '../../../src/mechanics/registry.ts';
import { defineMechanic } from '../../../src/mechanics/types.ts';
import { applyAction, claimGift, playStatus, shareResult, startPlay, type PlayContext } from '../../../src/play/service.ts';
import { HttpError } from '../../../src/server/http.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import { z } from 'zod';

const mechanicsDir = path.resolve('src/mechanics');
const MAX_STEPS = 200;

/** Every project field but the mechanic's own, the smallest valid set. */
const baseProject = {
  locale: 'ru',
  title: 'Проверка механики',
  branding: { brandName: 'Тест' },
  intro: { title: 'Проверка', startButton: 'Начать' },
  gift: { kind: 'link', title: 'Подарок', url: 'https://shop.example.ru/' },
  share: { title: 'Результат', description: 'Сыграйте тоже', callToAction: 'Играть' },
  reactivation: { forecast: 1 },
};

async function conformanceOf(kind: string): Promise<ConformanceScript> {
  const module = (await import(path.join(mechanicsDir, kind, 'conformance.ts'))) as { conformance: ConformanceScript };
  return module.conformance;
}

async function projectFor(kind: string, script: ConformanceScript): Promise<LoadedProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'rekindle-conformance-'));
  const slug = `conformance-${kind}`;
  const dir = path.join(root, slug);
  await mkdir(dir);
  await writeFile(path.join(dir, 'project.yaml'), stringify({ slug, ...baseProject, ...script.config }));
  return loadProject(dir);
}

async function refusalStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
  return 200;
}

describe.each(mechanics.map((mechanic) => [mechanic.kind]))('the mechanic %s', (kind) => {
  it('has its Player.svelte and conformance script in the folder named after its kind', () => {
    expect(existsSync(path.join(mechanicsDir, kind, 'Player.svelte'))).toBe(true);
    expect(existsSync(path.join(mechanicsDir, kind, 'conformance.ts'))).toBe(true);
  });

  it('plays from its initial state to completion through the play service, then opens the gift and shares', async () => {
    const script = await conformanceOf(kind);
    const project = await projectFor(kind, script);
    const storage = createMemoryStorage();
    const context: PlayContext = { project, storage, player: { key: 'anon:conformance-player-01' }, now: new Date() };
    let status = await startPlay(context);
    expect(status.completed).toBe(false);
    expect(await refusalStatus(applyAction(context, script.forgedAction(status.view)))).toBeGreaterThanOrEqual(400);
    for (let step = 0; !status.completed && step < MAX_STEPS; step++) {
      status = await applyAction(context, script.nextAction(status.view));
    }
    expect(status.completed).toBe(true);
    expect(status.summary?.title).toBeTruthy();
    expect((await playStatus(context)).completed).toBe(true);
    expect((await claimGift(context)).title).toBeTruthy();
    expect(await shareResult(context)).toMatch(/\S/);
  });
});

describe('the mechanic contract', () => {
  it('refuses a mechanic whose kind is not its config schema’s', () => {
    const borrowed = mechanics[0];
    expect(() =>
      defineMechanic<{ kind: 'other-kind' }, unknown, unknown>()({
        ...borrowed,
        kind: 'other-kind',
      } as never),
    ).toThrow(/configSchema for kind "true-false-quiz"/);
  });

  it('has one folder with a Player.svelte for every registered kind and no kind registered twice', () => {
    const kinds = mechanics.map((mechanic) => mechanic.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    const schema = z.array(z.string().regex(/^[a-z][a-z0-9-]*$/));
    expect(schema.parse(kinds)).toEqual(kinds);
  });
});
