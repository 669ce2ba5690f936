import { describe, expect, it } from 'vitest';
import { shareTexts } from '../../../src/share/page.ts';

const config = {
  locale: 'ru' as const,
  share: { title: 'Мой результат: {score}. «{title}»', description: 'Угадайте, где правда' },
};

describe('shareTexts', () => {
  it('fills the title and the score into the share title', () => {
    const texts = shareTexts(config, { title: 'Почти знаток традиций', score: { value: 5, of: 6 } });
    expect(texts?.title).toBe('Мой результат: 5 из 6. «Почти знаток традиций»');
    expect(texts?.imageAlt).toBe('5 из 6. Почти знаток традиций');
  });

  it('leaves no gap where a result without a score has none', () => {
    const texts = shareTexts({ ...config, share: { ...config.share, title: '{score} {title}' } }, { title: 'Поздравление: Анна' });
    expect(texts?.title).toBe('Поздравление: Анна');
  });

  it('refuses stored content that is not a result', () => {
    expect(shareTexts(config, { title: 42 })).toBeUndefined();
  });
});
