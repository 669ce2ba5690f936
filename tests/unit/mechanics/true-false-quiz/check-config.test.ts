import { describe, expect, it } from 'vitest';
import { trueFalseQuiz } from '../../../../src/mechanics/true-false-quiz/index.ts';
import type { QuizResult } from '../../../../src/mechanics/true-false-quiz/schema.ts';
import { threeQuestionQuiz } from './fixtures.ts';

function problemsWith(ranges: [number, number][]) {
  const results: QuizResult[] = ranges.map(([minScore, maxScore]) => ({
    minScore,
    maxScore,
    title: `${minScore}-${maxScore}`,
    text: 'text',
  }));
  return trueFalseQuiz.checkConfig!({ ...threeQuestionQuiz(), results });
}

describe('true-false-quiz checkConfig', () => {
  it('accepts ranges that cover 0..N exactly once, in any order', () => {
    expect(
      problemsWith([
        [0, 1],
        [2, 2],
        [3, 3],
      ]),
    ).toEqual([]);
    expect(
      problemsWith([
        [2, 3],
        [0, 1],
      ]),
    ).toEqual([]);
    expect(problemsWith([[0, 3]])).toEqual([]);
  });

  it('reports a gap once, naming the uncovered scores', () => {
    const problems = problemsWith([
      [0, 0],
      [3, 3],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: ['results'] });
    expect(problems[0]?.message).toContain('Scores 1–2 are not covered');
  });

  it('reports a missing top score', () => {
    const problems = problemsWith([[0, 2]]);
    expect(problems.map((problem) => problem.message)).toEqual([
      'Score 3 is not covered by any result; expected the ranges to cover every score from 0 to 3.',
    ]);
  });

  it('reports an overlap at the later range', () => {
    const problems = problemsWith([
      [0, 2],
      [2, 3],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toEqual(['results', 1, 'minScore']);
    expect(problems[0]?.message).toContain('Score 2 is also covered by results[0] (0–2)');
  });

  it('reports a range beyond the number of questions', () => {
    const problems = problemsWith([
      [0, 1],
      [2, 5],
    ]);
    expect(problems.map((problem) => problem.path)).toEqual([['results', 1, 'maxScore']]);
    expect(problems[0]?.message).toContain('with 3 questions the highest score is 3');
  });

  it('reports a reversed range', () => {
    const problems = problemsWith([
      [0, 1],
      [3, 2],
    ]);
    expect(problems.map((problem) => problem.path)).toContainEqual(['results', 1, 'minScore']);
    expect(problems.some((problem) => problem.message.includes('minScore 3 is greater than maxScore 2'))).toBe(true);
  });

  it('reports alt text without an image', () => {
    const quiz = threeQuestionQuiz();
    quiz.questions[0] = { ...quiz.questions[0]!, imageAlt: 'Orphan alt' };
    expect(trueFalseQuiz.checkConfig!(quiz)).toEqual([
      {
        path: ['questions', 0, 'imageAlt'],
        message: 'imageAlt is set but image is not; expected an image path beside its alt text.',
      },
    ]);
  });
});
