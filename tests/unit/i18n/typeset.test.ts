import { describe, expect, it } from 'vitest';
import { typeset, typesetProse } from '../../../src/i18n/typeset.ts';

const NBSP = '\u00a0';

describe('typeset', () => {
  it('keeps «8 Марта» and «23 Февраля» on one line', () => {
    expect(typeset('Генератор поздравлений к 8 Марта', 'ru')).toContain(`8${NBSP}Марта`);
    expect(typeset('Подарок к 23 Февраля', 'ru')).toContain(`к${NBSP}23${NBSP}Февраля`);
  });

  it('gives English text English quotes, Russian text «ёлочки»', () => {
    expect(typeset('Play "Fact or Fiction"', 'en')).toBe(`Play “Fact or${NBSP}Fiction”`);
    expect(typeset('Игра "Верю — не верю"', 'ru')).toContain('«Верю');
  });
});

describe('typesetProse', () => {
  it('typesets what players read and leaves identifiers, paths and colours alone', () => {
    const config = {
      locale: 'ru' as const,
      slug: 'march-8',
      title: 'Открытка к 8 Марта',
      branding: { heroImage: 'assets/8 march.svg', colors: { primary: '#e30613' } },
      questions: [{ id: 'look', label: 'Какая она — к 8 Марта?' }],
    };
    const typeset = typesetProse(config);
    expect(typeset.title).toBe(`Открытка к${NBSP}8${NBSP}Марта`);
    expect(typeset.questions[0]?.label).toContain(`8${NBSP}Марта`);
    expect(typeset.questions[0]?.id).toBe('look');
    expect(typeset.branding).toEqual(config.branding);
    expect(config.title).toBe('Открытка к 8 Марта');
  });
});
