import { beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueWebhook } from '../../../src/webhooks/index.ts';

vi.mock('../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import { loadProject, type LoadedProject } from '../../../src/config/load.ts';
import {
  applyAction,
  claimGift,
  MAX_SHARES_PER_PLAYER,
  playStatus,
  shareResult,
  startPlay,
  type PlayContext,
} from '../../../src/play/service.ts';
import { playerCookieKey } from '../../../src/server/cookie-signature.ts';
import { playerShareId } from '../../../src/share/share-id.ts';
import { HttpError } from '../../../src/server/http.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import type { Storage } from '../../../src/storage/types.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

let project: LoadedProject;
let answers: boolean[];

beforeAll(async () => {
  process.env.REKINDLE_SESSION_SECRET ??= 'unit-test-session-secret-0123456789abcdef';
  reloadSettings();
  project = await loadProject('projects/new-year-traditions');
  if (project.config.kind !== 'true-false-quiz') throw new Error('the example project must be a quiz');
  answers = project.config.questions.map((question) => question.answer);
});

function contextFor(storage: Storage, key: string, now = new Date('2025-12-20T12:00:00Z')): PlayContext {
  return { project, storage, player: { key }, now };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('the play service', () => {
  it('scores on the server and completes after the last answer only', async () => {
    const storage = createMemoryStorage();
    const context = contextFor(storage, 'anon:player-one-000000');
    await startPlay(context);
    let status = await playStatus(context);
    for (const [question, answer] of answers.entries()) {
      expect(status.completed).toBe(false);
      status = await applyAction(context, { type: 'answer', question, answer: question === 0 ? !answer : answer });
    }
    expect(status.completed).toBe(true);
    expect(status.summary?.score).toEqual({ value: answers.length - 1, of: answers.length });
  });

  it('refuses answers before the start, out of order, repeated, and unknown actions', async () => {
    const storage = createMemoryStorage();
    const context = contextFor(storage, 'anon:player-two-000000');
    expect(await refusal(applyAction(context, { type: 'answer', question: 0, answer: true }))).toEqual({
      status: 409,
      code: 'not-started',
    });
    await startPlay(context);
    expect(await refusal(applyAction(context, { type: 'answer', question: 1, answer: true }))).toEqual({
      status: 409,
      code: 'out-of-order',
    });
    await applyAction(context, { type: 'answer', question: 0, answer: true });
    expect(await refusal(applyAction(context, { type: 'answer', question: 0, answer: false }))).toEqual({
      status: 409,
      code: 'already-answered',
    });
    expect(await refusal(applyAction(context, { type: 'complete', score: 6 }))).toEqual({ status: 400, code: 'invalid-action' });
  });

  it('lets only one of two concurrent answers to the same question count', async () => {
    const storage = createMemoryStorage();
    const context = contextFor(storage, 'anon:player-three-0000');
    await startPlay(context);
    const results = await Promise.allSettled([
      applyAction(context, { type: 'answer', question: 0, answer: true }),
      applyAction(context, { type: 'answer', question: 0, answer: false }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses the gift before completion and opens it after, tracking each step', async () => {
    const storage = createMemoryStorage();
    const context = contextFor(storage, 'anon:player-four-00000');
    await startPlay(context);
    expect(await refusal(claimGift(context))).toEqual({ status: 403, code: 'not-completed' });
    for (const [question, answer] of answers.entries()) await applyAction(context, { type: 'answer', question, answer });
    const gift = await claimGift(context);
    expect(gift.kind).toBe('booklet');
    const types: string[] = [];
    for await (const event of storage.events.scan(project.slug)) types.push(event.type);
    expect(types).toEqual(['start', ...answers.map(() => 'answer'), 'complete', 'gift-open']);
  });

  it('refuses play before the start date and after the end date', async () => {
    const storage = createMemoryStorage();
    const early = contextFor(storage, 'anon:player-five-00000', new Date('2020-12-13T20:59:59Z'));
    expect(await refusal(startPlay(early))).toEqual({ status: 409, code: 'not-started' });
    const late = contextFor(storage, 'anon:player-five-00000', new Date('2031-02-01T00:00:00Z'));
    expect(await refusal(startPlay(late))).toEqual({ status: 409, code: 'ended' });
  });

  it('still opens the gift after the end for a player who completed in time', async () => {
    const storage = createMemoryStorage();
    const during = contextFor(storage, 'anon:player-six-000000');
    await startPlay(during);
    for (const [question, answer] of answers.entries()) await applyAction(during, { type: 'answer', question, answer });
    const after = contextFor(storage, 'anon:player-six-000000', new Date('2031-06-01T00:00:00Z'));
    expect((await claimGift(after)).kind).toBe('booklet');
  });
});

describe('webhooks from the play service', () => {
  it('announces completion and the gift with the customer id of the personal link', async () => {
    const storage = createMemoryStorage();
    const token = 'webhookTokenAbcdefghij';
    await storage.links.add(project.slug, [
      { project: project.slug, token, customerId: 'c-77', group: 'target', importedAt: '2020-12-01T00:00:00.000Z' },
    ]);
    const withHook = {
      ...project,
      config: {
        ...project.config,
        webhook: { url: 'https://crm.example/hook', secretEnv: 'HOOK_SECRET', events: ['complete', 'gift-open'] },
      },
    } as LoadedProject;
    const context: PlayContext = { project: withHook, storage, player: { key: `link:${token}` }, now: new Date('2025-12-20T12:00:00Z') };
    vi.mocked(enqueueWebhook).mockClear();
    await startPlay(context);
    for (const [question, answer] of answers.entries()) await applyAction(context, { type: 'answer', question, answer });
    await claimGift(context);
    const calls = vi
      .mocked(enqueueWebhook)
      .mock.calls.map(([input]) => [input.type, input.customerId, input.player, input.summary?.score?.value]);
    expect(calls).toEqual([
      ['complete', 'c-77', 'link', answers.length],
      ['gift-open', 'c-77', 'link', answers.length],
    ]);
  });

  it('makes one share of a result however often, and however fast, the player asks', async () => {
    const storage = createMemoryStorage();
    const context = contextFor(storage, 'anon:player-sharer-0000');
    await startPlay(context);
    for (const [question, answer] of answers.entries()) await applyAction(context, { type: 'answer', question, answer });
    const ids = await Promise.all(Array.from({ length: 200 }, () => shareResult(context)));
    expect(new Set(ids).size).toBe(1);
    const created = [];
    for await (const event of storage.events.scan(project.slug)) if (event.type === 'share-create') created.push(event);
    expect(created).toHaveLength(1);
  });

  it(`refuses a player's share beyond ${MAX_SHARES_PER_PLAYER} different results`, async () => {
    const storage = createMemoryStorage();
    const key = 'anon:player-prolific-00';
    const context = contextFor(storage, key);
    await startPlay(context);
    for (const [question, answer] of answers.entries()) await applyAction(context, { type: 'answer', question, answer });
    for (let slot = 0; slot < MAX_SHARES_PER_PLAYER; slot++) {
      const id = playerShareId(playerCookieKey(), project.slug, key, slot);
      await storage.shares.create({ id, project: project.slug, player: key, content: { slot }, createdAt: '2025-12-20T12:00:00Z' });
    }
    expect(await refusal(shareResult(context))).toEqual({ status: 429, code: 'share-limit' });
  });
});
