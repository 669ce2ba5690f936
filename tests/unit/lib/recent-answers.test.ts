import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecentAnswers } from '../../../src/lib/recent-answers.ts';

afterEach(() => vi.useRealTimers());

describe('RecentAnswers', () => {
  it('looks a key up again only once its answer is older than the age given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const answers = new RecentAnswers<number>(1000);
    let lookUps = 0;
    const lookUp = async () => ++lookUps;
    expect(await answers.get('logo', lookUp)).toBe(1);
    vi.advanceTimersByTime(999);
    expect(await answers.get('logo', lookUp)).toBe(1);
    expect(await answers.get('hero', lookUp)).toBe(2);
    vi.advanceTimersByTime(1);
    expect(await answers.get('logo', lookUp)).toBe(3);
  });

  it('keeps no failure: the next request looks again', async () => {
    const answers = new RecentAnswers<string>(60_000);
    await expect(answers.get('logo', () => Promise.reject(new Error('missing')))).rejects.toThrow('missing');
    expect(await answers.get('logo', async () => 'found')).toBe('found');
  });
});
