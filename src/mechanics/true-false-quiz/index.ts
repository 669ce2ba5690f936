import { quizPreviewPlays } from './preview.ts';
import { defineMechanic } from '../types.ts';
import {
  answerQuestion,
  findImageProblems,
  findRepeatedVerdictProblems,
  findResultRangeProblems,
  initialQuizState,
  isQuizComplete,
  resultFor,
  scoreOf,
  type QuizState,
} from './rules.ts';
import { quizExample } from './example.ts';
import { actionSchema, configSchema } from './schema.ts';
import { quizStrings } from './strings.ts';
import { quizView, type QuizProjectConfig, type QuizView } from './view.ts';

/** «Верю — не верю»: the player says whether each statement is true and gets a result by score. */
export const trueFalseQuiz = defineMechanic<QuizProjectConfig, QuizState, QuizView>()({
  kind: 'true-false-quiz',
  configSchema,
  actionSchema,

  checkConfig: (config) => [...findResultRangeProblems(config), ...findImageProblems(config), ...findRepeatedVerdictProblems(config)],

  initialState: () => initialQuizState(),

  act: (config, state, action) => answerQuestion(config, state, actionSchema.parse(action)),

  isComplete: isQuizComplete,

  view: quizView,

  summary(config, state) {
    if (!isQuizComplete(config, state)) {
      throw new Error(
        `A quiz summary needs a finished play, but only ${state.answers.length} of ${config.questions.length} questions are answered.`,
      );
    }
    const score = scoreOf(config, state);
    const result = resultFor(config, score);
    return { score: { value: score, of: config.questions.length }, title: result.title, text: result.text };
  },

  funnelSteps(config) {
    const strings = quizStrings(config.locale ?? 'ru');
    return config.questions.map((_, index) => ({
      id: `question-${index + 1}`,
      label: strings.funnelStep(index + 1),
      passed: (state: QuizState) => state.answers.length > index,
    }));
  },

  previewPlays: quizPreviewPlays,
  example: quizExample,
});
