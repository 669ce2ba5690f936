import { describe, expect, it, vi } from 'vitest';
import { EXCEL_CSV } from '../../../src/crm/csv-output.ts';
import { exportCustomerStatus } from '../../../src/crm/customer-status.ts';
import { buildReport } from '../../../src/crm/report.ts';
import { NOW, reportProject, seededStorage, SLUG, tokenOf } from './report-fixture.ts';

// A two-question stand-in, so the funnel test does not hang on a real mechanic's config.
vi.mock('../../../src/mechanics/registry.ts', () => ({
  mechanicFor: (kind: string) =>
    kind === 'test-quiz'
      ? {
          kind,
          funnelSteps: () =>
            [1, 2].map((number) => ({
              id: `question-${number}`,
              label: `Вопрос ${number}`,
              passed: (state: { answers: unknown[] }) => state.answers.length >= number,
            })),
        }
      : undefined,
}));

describe('buildReport: attribution window', () => {
  it('counts an order on day 30 but not the day before sending nor on day 31, and a 0 ₽ order never', async () => {
    const report = await buildReport({ project: reportProject(), storage: await seededStorage(), now: NOW });
    // Target: B (day 30) and D (2020-12-25); A bought before sending, C on day 31, E never.
    expect(report.target).toMatchObject({ links: 5, reactivated: 2, reactivationRate: 0.4 });
    expect(report.control).toMatchObject({ links: 2, reactivated: 1, reactivationRate: 0.5 });
    expect(report.orders).toEqual({ total: 7, qualifying: 3, unknownCustomer: 1 });
    expect(report.fact).toBe(2);
  });

  it('compares both groups over the send-based window even with from: first-visit (intent to treat)', async () => {
    const report = await buildReport({
      project: reportProject({ from: 'first-visit' }),
      storage: await seededStorage(),
      now: NOW,
    });
    // The lift counts B and D as with from: send; A's order before the send date and C's on day
    // 31 stay out, although both came after a visit: a control customer's would stay out too.
    expect(report.target.reactivated).toBe(2);
    expect(report.control.reactivated).toBe(1);
    expect(report.fact).toBe(2);
    // Attributed to the game: A visited on 12-13 10:00 and bought that evening; C visited on
    // 12-20, so 01-13 is day 25 of C's own window. B and D never visited.
    expect(report.target.attributed).toBe(2);
    expect(report.control.attributed).toBe(0);
  });

  it('attributes to the game only orders after a visit inside the send window with from: send', async () => {
    const report = await buildReport({ project: reportProject(), storage: await seededStorage(), now: NOW });
    // A bought after a visit but before the send date; C visited but bought on day 31.
    expect(report.target.attributed).toBe(0);
  });

  it('closes the window at midnight of the last calendar day across a daylight saving change', async () => {
    // Berlin, sent 2021-03-15, 30 days: the clocks go forward on 03-28, so the window is 719 hours.
    const storage = await seededStorage();
    await storage.orders.add(SLUG, [
      { project: SLUG, orderId: 'dst-in', customerId: 'E', orderedAt: '2021-04-13T21:59:59.000Z', amount: 100 },
      { project: SLUG, orderId: 'dst-out', customerId: 'G', orderedAt: '2021-04-13T22:30:00.000Z', amount: 100 },
    ]);
    const project = reportProject({ sentAt: '2021-03-15' });
    project.config.schedule.timezone = 'Europe/Berlin';
    const report = await buildReport({ project, storage, now: new Date('2021-06-01T00:00:00Z') });
    // E at 23:59:59 CEST on 04-13, day 30, counts; G at 00:30 CEST on 04-14, day 31, does not
    // (30 × 24 h would have run to 01:00 CEST and counted it).
    expect(report.target.reactivated).toBe(1);
    expect(report.control.reactivated).toBe(0);
  });

  it('counts participation instead of purchases when the project says so', async () => {
    const report = await buildReport({ project: reportProject({ counts: 'participation' }), storage: await seededStorage(), now: NOW });
    // Only C started inside the window (A started on 12-13, before the send date).
    expect(report.target.reactivated).toBe(1);
  });

  it('uses each link’s import time as the send date when none is configured', async () => {
    const report = await buildReport({ project: reportProject({ sentAt: undefined }), storage: await seededStorage(), now: NOW });
    // Imported 2020-12-10 09:00 UTC: A's 12-13 order now counts; B's 01-12 is past 30 days.
    expect(report.target.reactivated).toBe(2);
    expect(report.daily.filter((day) => day.reactivations > 0).map((day) => day.day)).toEqual(['2020-12-13', '2020-12-25']);
  });
});

describe('buildReport: the rest of the dashboard', () => {
  it('builds the funnel from links to the gift with the mechanic’s steps and drop-off', async () => {
    const report = await buildReport({ project: reportProject(), storage: await seededStorage(), now: NOW });
    expect(report.funnel.map((step) => [step.id, step.count])).toEqual([
      ['links', 5],
      ['visited', 2],
      ['started', 2],
      ['question-1', 2],
      ['question-2', 1],
      ['completed', 1],
      ['gift', 1],
    ]);
    expect(report.funnel[1]?.dropOff).toBeCloseTo(0.6);
    expect(report.funnel[4]).toMatchObject({ label: 'Вопрос 2', dropOff: 0.5 });
  });

  it('leaves a control customer’s play out of the funnel steps, and a player without a link out of every count', async () => {
    const storage = await seededStorage();
    const played = {
      project: SLUG,
      state: { answers: [true, true] },
      startedAt: '2020-12-16T09:00:00.000Z',
      updatedAt: '2020-12-16T09:01:00.000Z',
    };
    await storage.plays.update(SLUG, `link:${tokenOf('F')}`, () => ({ ...played, player: `link:${tokenOf('F')}` }));
    await storage.plays.update(SLUG, 'link:no-such-token', () => ({ ...played, player: 'link:no-such-token' }));
    const report = await buildReport({ project: reportProject(), storage, now: NOW });
    expect(report.funnel.filter((step) => step.id.startsWith('question-')).map((step) => step.count)).toEqual([2, 1]);
    expect(report.funnel.find((step) => step.id === 'started')?.count).toBe(2);
  });

  it('reports groups, forecast delta, sharing, anonymous players, breakdowns, daily series and promo codes', async () => {
    const report = await buildReport({ project: reportProject(), storage: await seededStorage(), now: NOW });
    expect(report).toMatchObject({ linksIssued: 7, forecast: 2, fact: 2, delta: 0, deltaText: '0%' });
    expect(report.target).toMatchObject({ visited: 2, started: 2, completed: 1, giftOpened: 1, shared: 1 });
    // friend-one came from share-id-1 and finished: one play and one completion brought by sharing.
    expect(report.shares).toEqual({
      created: 0,
      pageVisits: 1,
      clicksByNetwork: { vk: 1, telegram: 1 },
      playsStarted: 1,
      playsCompleted: 1,
    });
    expect(report.anonymous).toEqual({ visited: 2, started: 1, completed: 1 });
    expect(report.bySegment).toEqual(
      [
        {
          key: 'churned',
          target: 3,
          control: 1,
          visited: 2,
          completed: 1,
          reactivatedTarget: 1,
          reactivatedControl: 1,
          rateTarget: 1 / 3,
          rateControl: 1,
        },
        {
          key: 'at-risk',
          target: 2,
          control: 1,
          visited: 0,
          completed: 0,
          reactivatedTarget: 1,
          reactivatedControl: 0,
          rateTarget: 0.5,
          rateControl: 0,
        },
      ].map((row) => ({ ...row, lift: expect.objectContaining({ status: 'too-early' }) })),
    );
    expect(report.byTier.map((row) => [row.key, row.target, row.control])).toEqual([
      ['regular', 2, 1],
      ['', 1, 1],
      ['vip', 2, 0],
    ]);
    expect(report.daily.find((day) => day.day === '2020-12-20')).toEqual({
      day: '2020-12-20',
      visits: 3,
      completions: 1,
      reactivations: 0,
    });
    expect(report.daily.some((day) => day.day === '2021-03-01')).toBe(false);
    expect(report.promoPools).toEqual([{ pool: 'codes.csv', usedBy: [{}], size: 3, taken: 1, remaining: 2 }]);
    // Two and one reactivated customers: far below the ten per group an interval needs.
    expect(report.lift).toEqual({
      status: 'too-early',
      target: { reactivated: 2, size: 5 },
      control: { reactivated: 1, size: 2 },
      needs: { target: 8, control: 9 },
    });
  });
});

describe('buildReport: a funnel monotone by construction', () => {
  it('counts a player who started without a visit beacon as having visited («Открыли 0» above «Начали игру 1»)', async () => {
    const storage = await seededStorage();
    await storage.events.append({ project: SLUG, type: 'start', player: `link:${tokenOf('E')}`, at: '2020-12-22T09:00:00.000Z' });
    await storage.events.append({ project: SLUG, type: 'complete', player: `link:${tokenOf('B')}`, at: '2020-12-22T09:00:00.000Z' });
    const report = await buildReport({ project: reportProject(), storage, now: NOW });
    const counts = Object.fromEntries(report.funnel.map((step) => [step.id, step.count]));
    expect(counts).toMatchObject({ visited: 4, started: 4, completed: 2 });
    expect(report.target).toMatchObject({ visited: 4, started: 4, completed: 2 });
    expect(report.bySegment.find((row) => row.key === 'at-risk')?.visited).toBe(1);
  });

  it('never shows a step larger than the one before it', async () => {
    const storage = await seededStorage();
    await storage.events.append({ project: SLUG, type: 'gift-open', player: `link:${tokenOf('A')}`, at: '2020-12-22T09:00:00.000Z' });
    const report = await buildReport({ project: reportProject(), storage, now: NOW });
    for (const [index, step] of report.funnel.entries()) {
      if (index > 0) expect(step.count).toBeLessThanOrEqual(report.funnel[index - 1]?.count ?? 0);
      expect(step.dropOff).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('exportCustomerStatus', () => {
  it('streams one CSV line per customer for follow-up chains', async () => {
    const lines: string[] = [];
    for await (const line of exportCustomerStatus({ project: reportProject(), storage: await seededStorage(), now: NOW })) lines.push(line);
    expect(lines[0]).toBe('customer_id,group,visited,completed,gift,reactivated,first_visit_at,completed_at,answers,arm\n');
    expect(lines).toHaveLength(8);
    expect(lines).toContain('C,target,1,1,1,0,2020-12-20T09:00:00.000Z,2020-12-20T09:05:00.000Z,,\n');
    expect(lines).toContain('B,target,0,0,0,1,,,,\n');
    expect(lines).toContain('F,control,0,0,0,1,,,,\n');
  });

  it('writes the CSV Russian Excel opens cleanly when asked: BOM, semicolons, CRLF', async () => {
    const lines: string[] = [];
    const options = { project: reportProject(), storage: await seededStorage(), now: NOW, dialect: EXCEL_CSV };
    for await (const line of exportCustomerStatus(options)) lines.push(line);
    expect(lines[0]).toBe('\uFEFFcustomer_id;group;visited;completed;gift;reactivated;first_visit_at;completed_at;answers;arm\r\n');
    expect(lines).toContain('B;target;0;0;0;1;;;;\r\n');
  });
});
