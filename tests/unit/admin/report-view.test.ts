import { describe, expect, it } from 'vitest';
import { continuousDays, funnelBars, networkLabel, peakDay } from '../../../src/admin/report-view.ts';
import { adminStrings } from '../../../src/admin/strings.ts';

const ru = adminStrings('ru');

describe('continuousDays', () => {
  it('fills the days without events with zeros, so the chart keeps calendar spacing', () => {
    const days = continuousDays([
      { day: '2020-12-30', visits: 5, completions: 2, reactivations: 0 },
      { day: '2021-01-02', visits: 1, completions: 1, reactivations: 1 },
    ]);
    expect(days.map((point) => point.day)).toEqual(['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02']);
    expect(days[1]).toEqual({ day: '2020-12-31', visits: 0, completions: 0, reactivations: 0 });
    expect(days[3]?.reactivations).toBe(1);
  });

  it('returns nothing for no data', () => {
    expect(continuousDays([])).toEqual([]);
  });

  it('keeps the latest year of a longer history, where today’s visits are', () => {
    const days = continuousDays([
      { day: '2020-12-20', visits: 0, completions: 0, reactivations: 1 },
      { day: '2026-11-23', visits: 2, completions: 2, reactivations: 0 },
    ]);
    expect(days).toHaveLength(366);
    expect(days.at(-1)).toEqual({ day: '2026-11-23', visits: 2, completions: 2, reactivations: 0 });
  });
});

describe('funnelBars', () => {
  it('labels fixed steps in the dashboard language and keeps question labels', () => {
    const bars = funnelBars(
      [
        { id: 'links', count: 100, dropOff: 0 },
        { id: 'visited', count: 40, dropOff: 0.6 },
        { id: 'q1', label: 'Вопрос 1', count: 30, dropOff: 0.25 },
      ],
      ru,
    );
    expect(bars).toEqual([
      { label: 'Ссылки выданы', count: 100, dropOff: undefined },
      { label: 'Открыли', count: 40, dropOff: 0.6 },
      { label: 'Вопрос 1', count: 30, dropOff: 0.25 },
    ]);
    expect(funnelBars([{ id: 'links', count: 1, dropOff: 0 }], adminStrings('en'))[0]?.label).toBe('Links issued');
  });
});

describe('networkLabel and peakDay', () => {
  it('names networks as people know them and keeps unknown ids readable', () => {
    expect(networkLabel('vk', ru, 'ru')).toBe('ВКонтакте');
    expect(networkLabel('vk', adminStrings('en'), 'en')).toBe('VK');
    expect(networkLabel('copy', ru, 'ru')).toBe(ru.copyLink);
    expect(networkLabel('mastodon', ru, 'ru')).toBe('mastodon');
  });

  it('finds the busiest day by visits', () => {
    const points = [
      { day: '2020-12-14', visits: 3, completions: 0, reactivations: 0 },
      { day: '2020-12-15', visits: 9, completions: 0, reactivations: 0 },
    ];
    expect(peakDay(points)?.day).toBe('2020-12-15');
    expect(peakDay([])).toBeUndefined();
  });
});
