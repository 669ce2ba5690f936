import { describe, expect, it } from 'vitest';
import { firstName } from '../../../src/i18n/first-name.ts';
import { quizStrings } from '../../../src/mechanics/true-false-quiz/strings.ts';

describe('the quiz score, read aloud', () => {
  it('agrees with the number in Russian: «3 правильных ответа из 5», «1 правильный ответ», «5 правильных ответов»', () => {
    const ru = quizStrings('ru');
    expect(ru.scoreSpoken(3, 5)).toBe('3 правильных ответа из 5');
    expect(ru.scoreSpoken(1, 5)).toBe('1 правильный ответ из 5');
    expect(ru.scoreSpoken(5, 5)).toBe('5 правильных ответов из 5');
    expect(ru.scoreSpoken(21, 30)).toBe('21 правильный ответ из 30');
  });

  it('and in English: «1 right answer», «3 right answers»', () => {
    expect(quizStrings('en').scoreSpoken(1, 5)).toBe('1 right answer out of 5');
    expect(quizStrings('en').scoreSpoken(3, 5)).toBe('3 right answers out of 5');
  });
});

describe('firstName', () => {
  it('greets «Ольга», not «Ольга Сергеевна, VIP»', () => {
    expect(firstName('Ольга Сергеевна, VIP')).toBe('Ольга');
    expect(firstName('  Emma Walker ')).toBe('Emma');
    expect(firstName('Анна')).toBe('Анна');
  });

  it('gives no name for an empty one, so the page uses its greeting without a name', () => {
    expect(firstName('')).toBeUndefined();
    expect(firstName(' , VIP')).toBeUndefined();
    expect(firstName(undefined)).toBeUndefined();
  });
});
