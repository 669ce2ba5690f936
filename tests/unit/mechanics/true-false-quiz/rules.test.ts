import { describe, expect, it } from 'vitest';
import { trueFalseQuiz } from '../../../../src/mechanics/true-false-quiz/index.ts';
import type { QuizState } from '../../../../src/mechanics/true-false-quiz/rules.ts';
import { quizStrings } from '../../../../src/mechanics/true-false-quiz/strings.ts';
import { ActionRefused } from '../../../../src/mechanics/types.ts';
import { context, threeQuestionQuiz } from './fixtures.ts';

const quiz = threeQuestionQuiz();

function play(answers: boolean[]): QuizState {
  return answers.reduce(
    (state, answer, question) => trueFalseQuiz.act(quiz, state, { type: 'answer', question, answer }, context),
    trueFalseQuiz.initialState(quiz),
  );
}

function refusalCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ActionRefused) return error.code;
    throw error;
  }
  throw new Error('expected the action to be refused');
}

describe('true-false-quiz rules', () => {
  it('counts right answers and picks the result of the score range', () => {
    expect(trueFalseQuiz.summary(quiz, play([true, false, true]))).toEqual({
      score: { value: 3, of: 3 },
      title: 'Top',
      text: 'Top text',
    });
    expect(trueFalseQuiz.summary(quiz, play([true, true, true])).score).toEqual({ value: 2, of: 3 });
    expect(trueFalseQuiz.summary(quiz, play([false, true, false]))).toMatchObject({
      score: { value: 0, of: 3 },
      title: 'Low',
    });
  });

  it('completes only after the last answer', () => {
    expect(trueFalseQuiz.isComplete(quiz, play([]))).toBe(false);
    expect(trueFalseQuiz.isComplete(quiz, play([true, true]))).toBe(false);
    expect(trueFalseQuiz.isComplete(quiz, play([true, true, false]))).toBe(true);
    expect(() => trueFalseQuiz.summary(quiz, play([true, true]))).toThrow(/2 of 3 questions/);
  });

  it('does not change the state it is given', () => {
    const before = play([true]);
    trueFalseQuiz.act(quiz, before, { type: 'answer', question: 1, answer: false }, context);
    expect(before).toEqual({ answers: [true] });
  });

  it('refuses a skipped question as out-of-order', () => {
    const state = play([true]);
    expect(refusalCode(() => trueFalseQuiz.act(quiz, state, { type: 'answer', question: 2, answer: true }, context))).toBe('out-of-order');
  });

  it('refuses a repeated answer as already-answered', () => {
    const state = play([true, false]);
    for (const question of [0, 1]) {
      expect(refusalCode(() => trueFalseQuiz.act(quiz, state, { type: 'answer', question, answer: false }, context))).toBe(
        'already-answered',
      );
    }
  });

  it('refuses any answer after the end as already-complete', () => {
    const state = play([true, false, true]);
    for (const question of [0, 2, 3]) {
      expect(refusalCode(() => trueFalseQuiz.act(quiz, state, { type: 'answer', question, answer: true }, context))).toBe(
        'already-complete',
      );
    }
  });

  it('rejects malformed actions before the rules see them', () => {
    const state = play([]);
    const malformed = [
      { type: 'answer', question: 0, answer: 'true' },
      { type: 'answer', question: -1, answer: true },
      { type: 'answer', question: 0.5, answer: true },
      { type: 'answer', question: 0, answer: true, score: 3 },
      { type: 'skip', question: 0 },
    ];
    for (const action of malformed) {
      expect(trueFalseQuiz.actionSchema.safeParse(action).success).toBe(false);
      expect(() => trueFalseQuiz.act(quiz, state, action, context)).toThrow();
    }
  });

  it('has one funnel step per question, passed once that question is answered', () => {
    const steps = trueFalseQuiz.funnelSteps(quiz);
    expect(steps.map((step) => step.label)).toEqual(['Вопрос 1', 'Вопрос 2', 'Вопрос 3']);
    expect(new Set(steps.map((step) => step.id)).size).toBe(3);
    expect(steps.map((step) => step.passed(play([true, true])))).toEqual([true, true, false]);
    expect(trueFalseQuiz.funnelSteps({ ...quiz, locale: 'en' })[0]?.label).toBe('Question 1');
  });
});

describe('true-false-quiz config check: the explanation after the verdict', () => {
  it('reports an explanation that opens by repeating the verdict («Это правда.» then «Правда!»)', () => {
    const repeated = threeQuestionQuiz();
    const first = repeated.questions[0];
    if (!first) throw new Error('fixture has no questions');
    repeated.questions[0] = { ...first, answer: true, explanation: 'Правда! Так прощаются со старым годом.' };
    const problems = trueFalseQuiz.checkConfig?.({ ...repeated, locale: 'ru' } as typeof repeated) ?? [];
    expect(problems).toEqual([
      {
        path: ['questions', 0, 'explanation'],
        message: 'starts with "Правда!", which repeats the verdict "Это правда." shown right above it; start with the explanation itself.',
      },
    ]);
  });

  it('accepts an explanation that starts with the explanation itself', () => {
    expect(trueFalseQuiz.checkConfig?.(threeQuestionQuiz()) ?? []).toEqual([]);
  });
});

describe('true-false-quiz refusal after the last answer', () => {
  it('counts the questions in the right plural form', () => {
    expect(quizStrings('ru').refusedComplete(3)).toBe('Викторина уже пройдена: ответы на все 3 вопроса приняты.');
    expect(quizStrings('ru').refusedComplete(5)).toBe('Викторина уже пройдена: ответы на все 5 вопросов приняты.');
    expect(quizStrings('ru').refusedComplete(21)).toBe('Викторина уже пройдена: ответы на все 21 вопрос приняты.');
    expect(quizStrings('en').refusedComplete(1)).toBe('The quiz is already complete: its one answer is in.');
    expect(quizStrings('en').refusedComplete(5)).toBe('The quiz is already complete: all 5 answers are in.');
  });
});
