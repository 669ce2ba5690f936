import { describe, expect, it } from 'vitest';
import { formatCount, formatFactVsForecast, formatPercent, formatSignedCount, formatSignedPercent } from '../../../src/admin/format.ts';

const NBSP = '\u00a0';

describe('formatting for the dashboard', () => {
  it('groups thousands with a no-break space in Russian and a comma in English', () => {
    expect(formatCount(29136, 'ru')).toBe(`29${NBSP}136`);
    expect(formatCount(1_000_000, 'ru')).toBe(`1${NBSP}000${NBSP}000`);
    expect(formatCount(29136, 'en')).toBe('29,136');
    expect(formatCount(999, 'ru')).toBe('999');
  });

  it('prints the seed headline: 29 136 against a forecast of 21 659 is +35%', () => {
    expect(formatSignedPercent(29136 / 21659 - 1, 'ru')).toBe('+35%');
    expect(formatFactVsForecast(29136, 21659, 'ru')).toBe(`29${NBSP}136 / 21${NBSP}659 (+35%)`);
    expect(formatFactVsForecast(35600, 25418, 'en')).toBe('35,600 / 25,418 (+40%)');
  });

  it('signs decreases with a minus and leaves zero unsigned', () => {
    expect(formatSignedPercent(-0.124, 'ru')).toBe('−12%');
    expect(formatSignedPercent(0.001, 'ru')).toBe('0%');
    expect(formatSignedCount(-1234, 'ru')).toBe(`−1${NBSP}234`);
    expect(formatSignedCount(12, 'en')).toBe('+12');
  });

  it('writes rates with a decimal comma in Russian and no space before the percent sign', () => {
    expect(formatPercent(0.125, 'ru')).toBe('12,5%');
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
    expect(formatPercent(0.5, 'ru')).toBe('50%');
  });

  it('does not print NaN or Infinity for undefined rates', () => {
    expect(formatPercent(Number.NaN, 'ru')).toBe('—');
    expect(formatSignedPercent(Number.POSITIVE_INFINITY, 'en')).toBe('—');
    expect(formatFactVsForecast(10, 0, 'en')).toBe('10 / 0');
  });
});
