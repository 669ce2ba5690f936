import { describe, expect, it } from 'vitest';
import { trueFalseQuiz } from '../../../../src/mechanics/true-false-quiz/index.ts';
import type { QuizState } from '../../../../src/mechanics/true-false-quiz/rules.ts';
import { threeQuestionQuiz } from './fixtures.ts';

const quiz = threeQuestionQuiz();

/** The same quiz with every answer flipped: a view that ignores unanswered answers stays equal. */
function flippedFrom(answeredCount: number) {
  return {
    ...quiz,
    questions: quiz.questions.map((question, index) =>
      index < answeredCount ? question : { ...question, answer: !question.answer, explanation: 'Other' },
    ),
  };
}

describe('true-false-quiz view', () => {
  it('shows the current question without its answer or explanation', () => {
    const view = trueFalseQuiz.view(quiz, { answers: [] });
    expect(view.current).toEqual({ index: 0, statement: 'Statement one' });
    expect(view).toMatchObject({ total: 3, answeredCount: 0, answered: [] });
    expect(view.outcome).toBeUndefined();
  });

  it('never reveals anything about unanswered questions', () => {
    for (const answers of [[], [true], [false, false]]) {
      const state: QuizState = { answers };
      const json = JSON.stringify(trueFalseQuiz.view(quiz, state));
      for (const question of quiz.questions.slice(answers.length)) {
        expect(json).not.toContain(question.explanation);
      }
      expect(trueFalseQuiz.view(flippedFrom(answers.length), state)).toEqual(trueFalseQuiz.view(quiz, state));
    }
  });

  it('shows the player answer, the right answer and the explanation of answered questions', () => {
    const view = trueFalseQuiz.view(quiz, { answers: [true, true] });
    expect(view.answeredCount).toBe(2);
    expect(view.answered[1]).toEqual({
      index: 1,
      statement: 'Statement two',
      image: { url: '/assets/test-quiz/assets/two%20pic.png', alt: 'Picture two' },
      playerAnswer: true,
      right: false,
      rightAnswer: false,
      explanation: 'Explanation two',
    });
    expect(view.current).toEqual({
      index: 2,
      statement: 'Statement three',
      image: { url: '/assets/test-quiz/assets/three.svg', alt: '' },
    });
  });

  it('shows score and result once complete, and no current question', () => {
    const view = trueFalseQuiz.view(quiz, { answers: [true, false, false] });
    expect(view.current).toBeUndefined();
    expect(view.outcome).toEqual({ score: 2, of: 3, title: 'Middle', text: 'Middle text' });
  });

  it('passes custom button labels through and leaves defaults to the player', () => {
    expect(trueFalseQuiz.view(quiz, { answers: [] }).labels).toBeUndefined();
    const labels = { trueButton: 'Правда', falseButton: 'Вымысел' };
    expect(trueFalseQuiz.view({ ...quiz, labels }, { answers: [] }).labels).toEqual(labels);
    const withVerdicts = { ...labels, trueVerdict: 'Это факт.', falseVerdict: 'Это выдумка.' };
    expect(trueFalseQuiz.view({ ...quiz, labels: withVerdicts }, { answers: [] }).labels).toEqual(withVerdicts);
  });
});
