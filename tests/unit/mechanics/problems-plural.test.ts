import { describe, expect, it } from 'vitest';
import { cardProblems } from '../../../src/mechanics/card-generator/problems.ts';
import { quizProblems } from '../../../src/mechanics/true-false-quiz/problems.ts';
import { wheelProblems } from '../../../src/mechanics/wheel/problems.ts';

describe('config problems with a count use the plural form the number asks for', () => {
  it('in Russian: one, few and many', () => {
    const { beyondHighestScore } = quizProblems('ru');
    expect(beyondHighestScore(3, 1)).toBe('maxScore 3 вне диапазона: при 1 вопросе наибольший счёт — 1.');
    expect(beyondHighestScore(7, 5)).toBe('maxScore 7 вне диапазона: при 5 вопросах наибольший счёт — 5.');
    const { maxChoicesAboveOptions } = cardProblems('ru');
    expect(maxChoicesAboveOptions(3, 1)).toBe('maxChoices — 3, а в вопросе всего 1 вариант');
    expect(maxChoicesAboveOptions(3, 2)).toBe('maxChoices — 3, а в вопросе всего 2 варианта');
    expect(maxChoicesAboveOptions(6, 5)).toBe('maxChoices — 6, а в вопросе всего 5 вариантов');
    expect(wheelProblems('ru').consolations(21)).toMatch(/^consolation: true стоит у 21 приза;/);
    expect(wheelProblems('ru').consolations(0)).toMatch(/^consolation: true стоит у 0 призов;/);
  });

  it('in English: one and other', () => {
    expect(quizProblems('en').beyondHighestScore(3, 1)).toBe('maxScore 3 is out of range: with 1 question the highest score is 1.');
    expect(cardProblems('en').maxChoicesAboveOptions(3, 2)).toBe('maxChoices is 3 but the question has only 2 options');
    expect(wheelProblems('en').consolations(2)).toMatch(/^2 prizes are marked consolation: true;/);
  });
});
