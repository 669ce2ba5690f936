import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../../src/webhooks/index.ts', () => ({ enqueueWebhook: vi.fn() }));
import { mechanicSections } from '../../../../src/admin/mechanic-sections.ts';
import { answersByCustomer } from '../../../../src/crm/play-answers.ts';
import { ProjectConfigError, type LoadedProject } from '../../../../src/config/load.ts';
import { npsOf } from '../../../../src/mechanics/survey/dashboard.ts';
import { applyAction, earnedGift, shareResult, startPlay, type PlayContext } from '../../../../src/play/service.ts';
import { HttpError } from '../../../../src/server/http.ts';
import { createMemoryStorage } from '../../../../src/storage/index.ts';
import type { Storage } from '../../../../src/storage/types.ts';
import { enqueueWebhook } from '../../../../src/webhooks/index.ts';
import { surveyFields, surveyProject } from './fixtures.ts';

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function customerPlay(
  project: LoadedProject,
  storage: Storage,
  index: number,
  spend: number,
  segment = 'churned',
): Promise<PlayContext> {
  const token = `survey-token-${String(index).padStart(12, '0')}`;
  await storage.links.add(project.slug, [
    { project: project.slug, token, customerId: `C${index}`, segment, spend, group: 'target', importedAt: '2026-11-01T00:00:00Z' },
  ]);
  const play = { project, storage, player: { key: `link:${token}` }, now: new Date() };
  await startPlay(play);
  return play;
}

describe('the survey', () => {
  it('asks a follow-up only after the answers that show it, and refuses forged answers', async () => {
    const project = await surveyProject();
    const storage = createMemoryStorage();
    const play = await customerPlay(project, storage, 1, 1000);
    expect(await refusal(applyAction(play, { type: 'answer', question: 'fix', text: 'Всё' }))).toEqual({ status: 409, code: 'not-shown' });
    expect(await refusal(applyAction(play, { type: 'answer', question: 'reason', value: 'cheap' }))).toEqual({
      status: 409,
      code: 'unknown-option',
    });
    expect(await refusal(applyAction(play, { type: 'answer', question: 'reason', value: ['expensive', 'far'] }))).toEqual({
      status: 409,
      code: 'expected-one',
    });
    await applyAction(play, { type: 'answer', question: 'reason', value: 'expensive' });
    expect(await refusal(applyAction(play, { type: 'answer', question: 'nps', value: 11 }))).toEqual({ status: 409, code: 'out-of-scale' });
    const promoter = await applyAction(play, { type: 'answer', question: 'nps', value: 10 });
    expect(promoter.completed).toBe(true);
    expect(await refusal(applyAction(play, { type: 'answer', question: 'fix', text: 'Всё' }))).toEqual({
      status: 409,
      code: 'already-complete',
    });

    const detractor = await customerPlay(project, storage, 2, 1000);
    await applyAction(detractor, { type: 'answer', question: 'reason', value: 'far' });
    const asked = await applyAction(detractor, { type: 'answer', question: 'nps', value: 3 });
    expect(asked).toMatchObject({ completed: false, view: { stage: 'question', question: { id: 'fix' } } });
  });

  it('gives the remedy of the reason, by tier where configured, and the project’s gift for «свой вариант»', async () => {
    const project = await surveyProject();
    const storage = createMemoryStorage();
    const cases = [
      { spend: 1000, reason: 'expensive', gift: 'Скидка' },
      { spend: 9000, reason: 'expensive', gift: 'VIP-скидка' },
      { spend: 9000, reason: 'far', gift: 'Доставка' },
      { spend: 9000, reason: 'own', gift: 'Общий подарок' },
    ];
    for (const [index, { spend, reason, gift }] of cases.entries()) {
      const play = await customerPlay(project, storage, 10 + index, spend);
      await applyAction(play, {
        type: 'answer',
        question: 'reason',
        value: reason,
        text: reason === 'own' ? 'Переехал в другой город' : undefined,
      });
      await applyAction(play, { type: 'answer', question: 'nps', value: 8 });
      expect((await earnedGift(play)).title).toBe(gift);
    }
  });

  it('moderates «свой вариант», sends reasons but never free text in the webhook, and keeps free text off the share card', async () => {
    const project = await surveyProject({
      ...surveyFields,
      webhook: { url: 'https://crm.example.ru/hook', secretEnv: 'REKINDLE_TEST_SECRET' },
    });
    const storage = createMemoryStorage();
    const play = await customerPlay(project, storage, 20, 1000);
    expect(await refusal(applyAction(play, { type: 'answer', question: 'reason', value: 'own' }))).toEqual({
      status: 409,
      code: 'needs-text',
    });
    expect(
      await refusal(applyAction(play, { type: 'answer', question: 'reason', value: 'own', text: 'Ушёл к конкурентам' })),
    ).toMatchObject({ status: 409, code: 'blocked-word' });
    await applyAction(play, { type: 'answer', question: 'reason', value: 'own', text: 'Переехал в другой город' });
    await applyAction(play, { type: 'answer', question: 'nps', value: 2 });
    await applyAction(play, { type: 'answer', question: 'fix', text: 'Верните старые цены' });
    const sent = vi.mocked(enqueueWebhook).mock.calls.at(-1)?.[0];
    expect(sent?.summary).toEqual({ title: 'Спасибо!', score: undefined, facts: { reason: 'own', nps: '2' } });
    const id = await shareResult(play);
    const share = await storage.shares.get(id);
    expect(JSON.stringify(share?.content)).not.toMatch(/Переехал|Верните|nps|own/);
    // Project copy is typeset (a no-break space after «Я»); read as plain spaces here.
    expect(JSON.parse(JSON.stringify(share?.content).replace(/\u00a0/g, ' '))).toEqual({ title: 'Спасибо!', text: 'Я ответил на опрос.' });
  });

  it('shows reasons by segment and tier, NPS with its interval, and the moderated own answers on the dashboard', async () => {
    const project = await surveyProject();
    const storage = createMemoryStorage();
    const plays = [
      { spend: 1000, segment: 'churned', reason: 'expensive', nps: 10 },
      { spend: 9000, segment: 'churned', reason: 'expensive', nps: 9 },
      { spend: 9000, segment: 'at-risk', reason: 'far', nps: 7 },
      { spend: 1000, segment: 'at-risk', reason: 'own', nps: 0 },
    ];
    for (const [index, entry] of plays.entries()) {
      const play = await customerPlay(project, storage, 30 + index, entry.spend, entry.segment);
      await applyAction(play, {
        type: 'answer',
        question: 'reason',
        value: entry.reason,
        text: entry.reason === 'own' ? 'Не нашёл размер' : undefined,
      });
      await applyAction(play, { type: 'answer', question: 'nps', value: entry.nps });
      if (entry.nps < 7) await applyAction(play, { type: 'answer', question: 'fix', text: 'Больше размеров' });
    }
    const answers = await answersByCustomer(project, storage);
    expect(answers.get('C30')).toBe('reason=expensive;nps=10');
    expect(answers.get('C33')).toBe('reason=own;nps=0');
    const sections = await mechanicSections(project, storage, 'ru');
    const reasons = sections.find((section) => section.id === 'survey-reason');
    expect(reasons?.columns).toEqual([
      'Ответ',
      'Всего',
      'Сегмент: at-risk',
      'Сегмент: churned',
      'Уровень: regular',
      'Уровень: vip',
      'Уровень: без уровня',
    ]);
    expect(reasons?.rows[0]).toEqual(['Дорого', 2, 0, 2, 1, 1, 0]);
    const nps = sections.find((section) => section.id === 'survey-nps-nps');
    expect(nps?.rows[0]?.slice(0, 5)).toEqual([4, '50%', '25%', '25%', '+25']);
    const own = sections.find((section) => section.id === 'survey-own-answers');
    expect(own?.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace(/\u00a0/g, ' ') : cell)))).toEqual([
      ['Почему вы ушли?', 'Не нашёл размер'],
      ['Что исправить?', 'Больше размеров'],
    ]);
  });
});

describe('NPS and its 95% interval', () => {
  it('matches a hand computation', () => {
    // 50 promoters, 30 passives, 20 detractors: NPS 30; variance (0.5 + 0.2 − 0.09) / 100 = 0.0061.
    const scores = [...Array(50).fill(10), ...Array(30).fill(8), ...Array(20).fill(3)] as number[];
    const result = npsOf(scores);
    expect(result.nps).toBeCloseTo(30, 10);
    expect(result.high - result.nps).toBeCloseTo(1.959964 * Math.sqrt(0.0061) * 100, 6);
  });
});

describe('survey configs that cannot work', () => {
  async function problems(questions: unknown[]): Promise<string> {
    try {
      await surveyProject({ ...surveyFields, questions });
    } catch (error) {
      if (error instanceof ProjectConfigError) return error.message;
      throw error;
    }
    return '';
  }

  it('refuses a follow-up pointing at a missing question or answer, and an NPS question without scale labels', async () => {
    const [reason, nps] = surveyFields.questions;
    const message = await problems([
      reason,
      { id: 'nps', type: 'nps', title: 'Порекомендуете?' },
      { id: 'why', type: 'text', title: 'Почему?', showIf: { question: 'reason', answers: ['cheap'] } },
      { id: 'what', type: 'text', title: 'Что?', showIf: { question: 'nope', answers: ['far'] } },
    ]);
    expect(message).toMatch(/project\.yaml:\d+ questions\[1\]\.scale: required field is missing/);
    expect(nps).toBeDefined();
    const followUps = await problems([
      reason,
      nps,
      { id: 'why', type: 'text', title: 'Почему?', showIf: { question: 'reason', answers: ['cheap'] } },
      { id: 'what', type: 'text', title: 'Что?', showIf: { question: 'nope', answers: ['far'] } },
    ]);
    expect(followUps).toMatch(
      /project\.yaml:\d+ questions\[2\]\.showIf\.answers\[0\]: question reason has no answer cheap; expected one of: expensive, far, own/,
    );
    expect(followUps).toMatch(/project\.yaml:\d+ questions\[3\]\.showIf\.question: no earlier question has id nope/);
  });
});
