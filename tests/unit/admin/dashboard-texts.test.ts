import { describe, expect, it } from 'vitest';
import { dailySummary, headline, poolName, sharingText } from '../../../src/admin/report-view.ts';
import { dashboardLocale } from '../../../src/admin/language.ts';
import { adminStrings } from '../../../src/admin/strings.ts';
import type { ProjectReport } from '../../../src/crm/report.ts';

// The dashboard must never say one thing and show another: each case is a contradiction seen live.

const ru = adminStrings('ru');
/** Intl groups thousands with a no-break space; the tests read it as a plain one. */
const plain = (text: string | undefined) => text?.replace(/\s/g, ' ');

function reportWith(overrides: Partial<ProjectReport>): ProjectReport {
  return {
    project: 'p',
    generatedAt: '2020-12-20T00:00:00.000Z',
    window: { days: 30, from: 'send', counts: 'purchase' },
    linksIssued: 10,
    target: {
      links: 9,
      visited: 0,
      started: 0,
      completed: 0,
      giftOpened: 0,
      shared: 0,
      reactivated: 0,
      reactivationRate: 0,
      attributed: 0,
    },
    control: {
      links: 1,
      visited: 0,
      started: 0,
      completed: 0,
      giftOpened: 0,
      shared: 0,
      reactivated: 0,
      reactivationRate: 0,
      attributed: 0,
    },
    forecast: 21659,
    fact: 0,
    funnel: [],
    daily: [],
    bySegment: [],
    byTier: [],
    shares: { created: 0, pageVisits: 0, clicksByNetwork: {}, playsStarted: 0, playsCompleted: 0 },
    anonymous: { visited: 0, started: 0, completed: 0 },
    orders: { total: 0, qualifying: 0, unknownCustomer: 0 },
    promoPools: [],
    lift: { status: 'no-control' },
    ab: { arms: [], comparisons: [] },
    ...overrides,
  };
}

describe('headline', () => {
  it('says no orders are in yet instead of «0 / 21 659 (−100%)»', () => {
    const text = headline(reportWith({}), 'ru', ru);
    expect(plain(text.figure)).toBe('0 / 21 659');
    expect(text.note).toBe(ru.noOrdersYet);
  });

  it('shows the delta once orders are in, and for projects that count participation', () => {
    expect(plain(headline(reportWith({ orders: { total: 3, qualifying: 0, unknownCustomer: 0 } }), 'ru', ru).figure)).toBe(
      '0 / 21 659 (−100%)',
    );
    expect(headline(reportWith({ window: { days: 30, from: 'send', counts: 'participation' } }), 'ru', ru).note).toBeUndefined();
  });
});

describe('dailySummary', () => {
  it('does not say «no events» under a chart with a completion dot', () => {
    const text = dailySummary([{ day: '2020-12-20', visits: 0, completions: 1, reactivations: 0 }], 'ru', ru);
    expect(text).not.toBe(ru.dailyEmpty);
    expect(text).toContain('прохождений: 1');
  });

  it('says «no events» only when nothing happened', () => {
    expect(dailySummary([], 'ru', ru)).toBe(ru.dailyEmpty);
  });
});

describe('sharingText', () => {
  it('does not follow «Поделились результатом: 2» with «Пока никто не делился»', () => {
    const texts = sharingText(
      reportWith({ shares: { created: 2, pageVisits: 0, clicksByNetwork: {}, playsStarted: 0, playsCompleted: 0 } }),
      'ru',
      ru,
    );
    expect(texts.loop).toContain('Поделились результатом: 2');
    expect(texts.noClicks).not.toBe(ru.noShares);
  });

  it('says nobody shared only when nobody did', () => {
    expect(sharingText(reportWith({}), 'ru', ru)).toEqual({ noClicks: ru.noShares });
  });
});

describe('poolName', () => {
  it('names a pool by who receives its codes, not by its file', () => {
    expect(poolName([{ tier: 'vip' }], ru)).toBe('Уровень «vip»');
    expect(poolName([{ segment: 'churned', tier: 'vip' }, {}], ru)).toBe('Сегмент «churned», Уровень «vip»; Все остальные');
  });
});

describe('dashboardLocale', () => {
  function cookieJar(initial?: string) {
    const jar = new Map<string, string>(initial ? [['rk-admin-lang', initial]] : []);
    return {
      jar,
      get: (name: string) => (jar.has(name) ? ({ value: jar.get(name) } as never) : undefined),
      set: (name: string, value: string | Record<string, unknown>) => void jar.set(name, String(value)),
    };
  }

  it('keeps the chosen language on the next page, whatever the project’s own language', () => {
    const cookies = cookieJar();
    expect(dashboardLocale(new URL('http://x/admin?lang=en'), cookies)).toBe('en');
    expect(dashboardLocale(new URL('http://x/admin/new-year-traditions'), cookies)).toBe('en');
  });

  it('is Russian by default, for an English project too', () => {
    expect(dashboardLocale(new URL('http://x/admin/home-habits-quiz'), cookieJar())).toBe('ru');
  });
});
