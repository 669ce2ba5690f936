import type { Locale } from '../../config/schemas/common.ts';
import { currentMessageLocale } from '../../i18n/cli-messages.ts';
import { ActionRefused, type ConfigProblem } from '../types.ts';
import type { QuizAction, QuizConfig, QuizQuestion, QuizResult } from './schema.ts';
import { quizProblems } from './problems.ts';
import { quizStrings } from './strings.ts';

/**
 * The rules of the quiz, with no UI and no IO. They run only on the server: the browser never
 * receives an answer before the player has committed to one, so nobody can cheat.
 */

/** The player's answers in question order; `answers[i]` answers question i. */
export interface QuizState {
  answers: boolean[];
}

export function initialQuizState(): QuizState {
  return { answers: [] };
}

export function isQuizComplete(config: QuizConfig, state: QuizState): boolean {
  return state.answers.length >= config.questions.length;
}

/** Records the answer to the next question, refusing anything else in the player's language. */
export function answerQuestion(config: QuizConfig & { locale?: Locale }, state: QuizState, action: QuizAction): QuizState {
  const strings = quizStrings(config.locale ?? 'ru');
  const expected = state.answers.length;
  const total = config.questions.length;
  if (expected >= total) throw new ActionRefused('already-complete', strings.refusedComplete(total));
  if (action.question < expected) {
    throw new ActionRefused('already-answered', strings.refusedAnswered(action.question + 1, expected + 1));
  }
  if (action.question > expected) {
    throw new ActionRefused('out-of-order', strings.refusedTooEarly(action.question + 1, expected + 1));
  }
  return { answers: [...state.answers, action.answer] };
}

export function isRightAnswer(question: QuizQuestion, answer: boolean): boolean {
  return question.answer === answer;
}

/** The number of right answers so far. */
export function scoreOf(config: QuizConfig, state: QuizState): number {
  return state.answers.filter((answer, index) => {
    const question = config.questions[index];
    return question !== undefined && isRightAnswer(question, answer);
  }).length;
}

/**
 * The result whose range holds `score`. checkConfig guarantees exactly one for every valid
 * score, so a miss means the config was never checked.
 */
export function resultFor(config: QuizConfig, score: number): QuizResult {
  const result = config.results.find((range) => range.minScore <= score && score <= range.maxScore);
  if (!result) {
    throw new Error(`No result covers score ${score} of ${config.questions.length}; run npm run validate to find the gap in results.`);
  }
  return result;
}

/**
 * Checks that the result ranges cover every score 0..N (N = number of questions) exactly once:
 * reports reversed ranges, ranges beyond N, overlaps and gaps, each at the field to fix.
 */
export function findResultRangeProblems(config: QuizConfig): ConfigProblem[] {
  const words = quizProblems(currentMessageLocale());
  const maxPossible = config.questions.length;
  const problems: ConfigProblem[] = [];
  const checked: { index: number; range: QuizResult }[] = [];

  config.results.forEach((range, index) => {
    if (range.minScore > range.maxScore) {
      problems.push({
        path: ['results', index, 'minScore'],
        message: words.reversedRange(range.minScore, range.maxScore),
      });
      return;
    }
    if (range.maxScore > maxPossible) {
      problems.push({
        path: ['results', index, 'maxScore'],
        message: words.beyondHighestScore(range.maxScore, maxPossible),
      });
    }
    for (const earlier of checked) {
      const from = Math.max(range.minScore, earlier.range.minScore);
      const to = Math.min(range.maxScore, earlier.range.maxScore);
      if (from <= to) {
        problems.push({
          path: ['results', index, 'minScore'],
          message: words.overlap(from, to, earlier.index, `${earlier.range.minScore}–${earlier.range.maxScore}`),
        });
      }
    }
    checked.push({ index, range });
  });

  for (const [from, to] of uncoveredRuns(
    checked.map((entry) => entry.range),
    maxPossible,
  )) {
    problems.push({
      path: ['results'],
      message: words.gap(from, to, maxPossible),
    });
  }
  return problems;
}

/** Consecutive scores in 0..maxPossible that no range covers, as [from, to] pairs. */
function uncoveredRuns(ranges: QuizResult[], maxPossible: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let score = 0; score <= maxPossible; score++) {
    if (ranges.some((range) => range.minScore <= score && score <= range.maxScore)) continue;
    const last = runs.at(-1);
    if (last && last[1] === score - 1) last[1] = score;
    else runs.push([score, score]);
  }
  return runs;
}

/** An image alt with no image is almost always a forgotten image path. */
export function findImageProblems(config: QuizConfig): ConfigProblem[] {
  return config.questions.flatMap((question, index) =>
    question.imageAlt !== undefined && question.image === undefined
      ? [
          {
            path: ['questions', index, 'imageAlt'],
            message: quizProblems(currentMessageLocale()).altWithoutImage,
          },
        ]
      : [],
  );
}

/** Words an explanation may open with that only restate the verdict shown right above it. */
const VERDICT_OPENERS = /^\s*(правда|неправда|вымысел|миф|верно|неверно|true|false|fact|fiction|right|wrong|made up)\s*[!.]/iu;

/**
 * The player sees the verdict («Это правда.») and then the explanation; one opening with «Правда!»
 * says it twice. Reported at the explanation, with the verdict the player already sees.
 */
export function findRepeatedVerdictProblems(config: QuizConfig & { locale?: Locale }): ConfigProblem[] {
  const strings = quizStrings(config.locale ?? 'ru');
  return config.questions.flatMap((question, index) => {
    const opener = question.explanation?.match(VERDICT_OPENERS)?.[0].trim();
    if (!opener) return [];
    const verdict = question.answer ? (config.labels?.trueVerdict ?? strings.itIsTrue) : (config.labels?.falseVerdict ?? strings.itIsFalse);
    return [
      {
        path: ['questions', index, 'explanation'],
        message: quizProblems(currentMessageLocale()).repeatedVerdict(opener, verdict),
      },
    ];
  });
}
