import { assetUrl } from '../../config/asset-url.ts';
import type { Locale } from '../../config/schemas/common.ts';
import { isRightAnswer, isQuizComplete, resultFor, scoreOf, type QuizState } from './rules.ts';
import type { QuizConfig, QuizLabels, QuizQuestion } from './schema.ts';

/**
 * The quiz as the play service passes it: the mechanic's fields merged into the project config,
 * whose slug locates the images and whose locale names the funnel steps.
 */
export type QuizProjectConfig = QuizConfig & { slug: string; locale?: Locale };

export interface QuestionImage {
  url: string;
  /** Empty for a decorative picture. */
  alt: string;
}

/** A question still to answer: everything but its answer. */
export interface OpenQuestionView {
  /** 0-based; the `question` of the answer action. */
  index: number;
  statement: string;
  image?: QuestionImage;
}

export interface AnsweredQuestionView extends OpenQuestionView {
  playerAnswer: boolean;
  right: boolean;
  rightAnswer: boolean;
  explanation: string;
}

export interface QuizOutcomeView {
  score: number;
  of: number;
  title: string;
  text: string;
}

export interface QuizView {
  total: number;
  answeredCount: number;
  /** Absent when the project keeps the default labels of its language. */
  labels?: QuizLabels;
  answered: AnsweredQuestionView[];
  /** The next question; absent once every question is answered. */
  current?: OpenQuestionView;
  /** Present once every question is answered. */
  outcome?: QuizOutcomeView;
}

/**
 * What the browser may see. The answer and explanation of a question are added only once the
 * player has answered it, so reading the network traffic never gives the quiz away.
 */
export function quizView(config: QuizProjectConfig, state: QuizState): QuizView {
  const answered = state.answers.flatMap((playerAnswer, index) => {
    const question = config.questions[index];
    if (!question) return [];
    return [
      {
        ...openQuestion(config.slug, question, index),
        playerAnswer,
        right: isRightAnswer(question, playerAnswer),
        rightAnswer: question.answer,
        explanation: question.explanation,
      },
    ];
  });
  const nextIndex = state.answers.length;
  const next = config.questions[nextIndex];
  const view: QuizView = {
    total: config.questions.length,
    answeredCount: answered.length,
    answered,
  };
  if (config.labels) view.labels = config.labels;
  if (next) view.current = openQuestion(config.slug, next, nextIndex);
  if (isQuizComplete(config, state)) {
    const score = scoreOf(config, state);
    const result = resultFor(config, score);
    view.outcome = { score, of: config.questions.length, title: result.title, text: result.text };
  }
  return view;
}

function openQuestion(slug: string, question: QuizQuestion, index: number): OpenQuestionView {
  const open: OpenQuestionView = { index, statement: question.statement };
  if (question.image) {
    open.image = { url: assetUrl(slug, question.image), alt: question.imageAlt ?? '' };
  }
  return open;
}
