import { beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueWebhook } from '../../../src/webhooks/index.ts';

vi.mock('../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import { loadProject, type LoadedProject } from '../../../src/config/load.ts';
import { isValidPreviewToken, jumpTo, previewJumps, previewResults, previewStorage, previewToken } from '../../../src/play/preview.ts';
import { applyAction, claimGift, playStatus, startPlay, type PlayContext } from '../../../src/play/service.ts';
import { HttpError } from '../../../src/server/http.ts';

let project: LoadedProject;
/** Titles are typeset with no-break spaces; the tests read them as plain ones. */
const plain = (text: string) => text.replace(/\s/g, ' ');
/** Before the project's start date (1 September 2025): a real player sees the teaser. */
const BEFORE_START = new Date('2025-06-01T12:00:00Z');

beforeAll(async () => {
  project = await loadProject('projects/home-habits-quiz');
});

function previewContext(key: string, now = BEFORE_START): PlayContext {
  return { project, storage: previewStorage(), player: { key }, now, preview: true };
}

describe('preview links', () => {
  it('are valid for their project until they expire, and cannot be forged', () => {
    const token = previewToken('home-habits-quiz', new Date('2025-06-08T00:00:00Z'));
    expect(isValidPreviewToken('home-habits-quiz', token, BEFORE_START)).toBe(true);
    expect(isValidPreviewToken('home-habits-quiz', token, new Date('2025-06-08T00:00:01Z'))).toBe(false);
    expect(isValidPreviewToken('new-year-traditions', token, BEFORE_START)).toBe(false);
    const [expiry, signature] = token.split('.');
    expect(isValidPreviewToken('home-habits-quiz', `${Number(expiry) + 1000}.${signature}`, BEFORE_START)).toBe(false);
    expect(isValidPreviewToken('home-habits-quiz', null, BEFORE_START)).toBe(false);
  });
});

describe('an uncounted preview play', () => {
  it('plays before the start date, gets a preview code, and calls no webhook', async () => {
    const real: PlayContext = { ...previewContext('anon:real-player-000000'), preview: false };
    await expect(startPlay(real)).rejects.toBeInstanceOf(HttpError);

    const context = previewContext('preview:author-one-0000');
    await startPlay(context);
    const questions = project.config.kind === 'true-false-quiz' ? project.config.questions : [];
    let status = await playStatus(context);
    for (const [question, { answer }] of questions.entries()) status = await applyAction(context, { type: 'answer', question, answer });
    expect(status.completed).toBe(true);
    const gift = await claimGift(context);
    expect(gift).toMatchObject({ kind: 'promo-code', code: expect.stringMatching(/^PREVIEW-[A-Z0-9]{6}$/) });
    expect(await claimGift(context)).toEqual(gift);
    expect(vi.mocked(enqueueWebhook)).not.toHaveBeenCalled();
  });

  it('jumps to any question and to any result', async () => {
    const jumps = previewJumps(project, BEFORE_START);
    expect(jumps.map((jump) => plain(jump.label))).toEqual([
      'Question 1',
      'Question 2',
      'Question 3',
      'Question 4',
      'Question 5',
      'Your score: Curious Homebody (0 of 5)',
      'Your score: Seasoned Traveller (3 of 5)',
      'Your score: Citizen of the World (5 of 5)',
    ]);
    const context = previewContext('preview:author-two-0000');
    await jumpTo(project, context.player, 3, BEFORE_START);
    expect(await playStatus(context)).toMatchObject({ started: true, completed: false, view: { answeredCount: 3 } });
    await jumpTo(project, context.player, 6, BEFORE_START);
    const result = await playStatus(context);
    expect(result).toMatchObject({ completed: true, summary: { score: { value: 3, of: 5 } } });
    expect(plain(result.summary?.title ?? '')).toBe('Seasoned Traveller');
  });

  it('lists every result for the gallery', () => {
    expect(previewResults(project, BEFORE_START).map((result) => plain(result.summary.title))).toEqual([
      'Curious Homebody',
      'Seasoned Traveller',
      'Citizen of the World',
    ]);
  });
});
