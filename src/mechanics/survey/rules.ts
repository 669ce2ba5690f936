import type { Locale } from '../../config/schemas/common.ts';
import type { GiftConfig } from '../../config/schemas/gift.ts';
import { currentMessageLocale } from '../../i18n/cli-messages.ts';
import { checkFreeText } from '../../moderation/index.ts';
import { ActionRefused, type ActContext, type ConfigProblem, type FunnelStep, type PlaySummary } from '../types.ts';
import { surveyActionSchema, type ChoiceQuestion, type SurveyOwnConfig, type SurveyQuestion } from './schema.ts';
import { surveyProblems } from './problems.ts';
import { surveyStrings } from './strings.ts';

/**
 * The rules of the survey. The server decides which question comes next (follow-ups only after
 * the answers that show them), moderates every free-text answer before keeping it, and picks
 * the remedy: the gift that answers the reason the player gave.
 */

export type SurveyConfig = SurveyOwnConfig & { slug: string; locale: Locale; tiers: { name: string }[] };

/** One kept answer: option ids, a 0–10 score, moderated text, or nothing for a skip. */
export interface SurveyAnswer {
  options?: string[];
  score?: number;
  /** Moderated text: a text question's answer or the words of «свой вариант». */
  text?: string;
}

export interface SurveyState {
  answers: Record<string, SurveyAnswer>;
  /** The customer's segment and tier when the survey started, for the dashboard and the remedy. */
  segment?: string;
  tier?: string;
  done?: boolean;
}

export type NpsGroup = 'detractor' | 'passive' | 'promoter';

export type SurveyQuestionView =
  | {
      type: 'single' | 'multiple';
      id: string;
      title: string;
      hint?: string;
      maxLength: number;
      options: { id: string; label: string; ownAnswer: boolean }[];
    }
  | { type: 'text'; id: string; title: string; hint?: string; maxLength: number; optional: boolean }
  | { type: 'nps'; id: string; title: string; hint?: string; scale: { low: string; high: string } };

export type SurveyView =
  | { stage: 'question'; number: number; question: SurveyQuestionView }
  | { stage: 'thanks'; title: string; text?: string };

export function npsGroup(score: number): NpsGroup {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export function initialState(): SurveyState {
  return { answers: {} };
}

export function isComplete(_config: SurveyConfig, state: SurveyState): boolean {
  return state.done === true;
}

/** Whether the question is asked, given the answers so far. */
export function isShown(question: SurveyQuestion, answers: Record<string, SurveyAnswer>): boolean {
  const rule = question.showIf;
  if (!rule) return true;
  const answer = answers[rule.question];
  if (!answer) return false;
  const given = answer.score === undefined ? (answer.options ?? []) : [npsGroup(answer.score)];
  return given.some((value) => rule.answers.includes(value));
}

/** The next question to ask: the first one shown and not yet answered. */
export function nextQuestion(config: SurveyConfig, state: SurveyState): SurveyQuestion | undefined {
  return config.questions.find((question) => !(question.id in state.answers) && isShown(question, state.answers));
}

export function act(config: SurveyConfig, state: SurveyState, rawAction: unknown, context: ActContext): SurveyState {
  const strings = surveyStrings(config.locale);
  const action = surveyActionSchema.parse(rawAction);
  if (state.done) throw new ActionRefused('already-complete', strings.refusedDone);
  const question = nextQuestion(config, state);
  if (!question || question.id !== action.question) throw new ActionRefused('not-shown', strings.refusedNotShown);
  const answers = { ...state.answers, [question.id]: acceptedAnswer(config, question, action.value, action.text) };
  const customer = Object.keys(state.answers).length === 0 ? context.customer : undefined;
  const next: SurveyState = {
    ...state,
    ...(customer?.segment ? { segment: customer.segment } : {}),
    ...(customer?.tier ? { tier: customer.tier } : {}),
    answers,
  };
  return nextQuestion(config, next) ? next : { ...next, done: true };
}

function acceptedAnswer(config: SurveyConfig, question: SurveyQuestion, value: unknown, text: string | undefined): SurveyAnswer {
  const strings = surveyStrings(config.locale);
  switch (question.type) {
    case 'nps':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10) {
        throw new ActionRefused('out-of-scale', strings.refusedScale);
      }
      return { score: value };
    case 'text':
      if (question.optional && (text === undefined || text.trim() === '')) return {};
      return { text: moderated(config, text ?? '', question.maxLength) };
    default:
      return acceptedChoice(config, question, value, text);
  }
}

function acceptedChoice(config: SurveyConfig, question: ChoiceQuestion, value: unknown, text: string | undefined): SurveyAnswer {
  const strings = surveyStrings(config.locale);
  const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  if (ids.length === 0) throw new ActionRefused('expected-choice', strings.chooseOne);
  if (question.type === 'single' && ids.length !== 1) throw new ActionRefused('expected-one', strings.refusedOneOnly);
  const chosen = question.options.filter((option) => ids.includes(option.id));
  if (chosen.length !== new Set(ids).size) throw new ActionRefused('unknown-option', strings.refusedUnknownOption);
  const own = chosen.find((option) => option.ownAnswer);
  const options = chosen.map((option) => option.id);
  if (!own) return { options };
  if (text === undefined || text.trim() === '') throw new ActionRefused('needs-text', strings.refusedNeedsText);
  return { options, text: moderated(config, text, question.maxLength) };
}

function moderated(config: SurveyConfig, raw: string, maxLength: number): string {
  const checked = checkFreeText(raw, { maxLength, blockList: config.moderation.blockList, locale: config.locale });
  if (!checked.ok) throw new ActionRefused(checked.code, checked.message);
  return checked.text;
}

export function view(config: SurveyConfig, state: SurveyState): SurveyView {
  const question = state.done ? undefined : nextQuestion(config, state);
  if (!question) return { stage: 'thanks', title: config.thanks.title, ...(config.thanks.text ? { text: config.thanks.text } : {}) };
  return { stage: 'question', number: Object.keys(state.answers).length + 1, question: questionView(question) };
}

function questionView(question: SurveyQuestion): SurveyQuestionView {
  const { id, title, hint } = question;
  const common = { id, title, ...(hint ? { hint } : {}) };
  switch (question.type) {
    case 'nps':
      return { type: 'nps', ...common, scale: question.scale };
    case 'text':
      return { type: 'text', ...common, maxLength: question.maxLength, optional: question.optional };
    default:
      return {
        type: question.type,
        ...common,
        maxLength: question.maxLength,
        options: question.options.map((option) => ({ id: option.id, label: option.label, ownAnswer: option.ownAnswer })),
      };
  }
}

/**
 * The thank-you card: the author's words only. A player's own words never reach a share image,
 * and the facts (answer ids, NPS score) are for the CRM's webhook, not for the picture.
 */
export function summary(config: SurveyConfig, state: SurveyState): PlaySummary {
  const { title, shareText } = config.thanks;
  return { title, ...(shareText ? { text: shareText } : {}), facts: surveyFacts(config, state) };
}

/** Answer ids and scores per question, never free text: what a CRM chain may branch on. */
export function surveyFacts(config: SurveyConfig, state: SurveyState): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const question of config.questions) {
    const answer = state.answers[question.id];
    if (answer?.options) facts[question.id] = answer.options.join('|');
    else if (answer?.score !== undefined) facts[question.id] = String(answer.score);
  }
  return facts;
}

/** The remedy for the first answer that has one, for the player's tier when configured. */
export function earnedGift(config: SurveyConfig, state: SurveyState): GiftConfig | undefined {
  for (const question of config.questions) {
    if (question.type !== 'single' && question.type !== 'multiple') continue;
    for (const option of question.options) {
      if (!state.answers[question.id]?.options?.includes(option.id) || !option.remedy) continue;
      const remedy = option.remedy.find((candidate) => candidate.tier === undefined || candidate.tier === state.tier);
      if (remedy) return remedy.gift;
    }
  }
  return undefined;
}

export function funnelSteps(config: SurveyConfig): FunnelStep<SurveyState>[] {
  const strings = surveyStrings(config.locale);
  return config.questions
    .filter((question) => !question.showIf)
    .map((question) => ({
      id: question.id,
      label: strings.funnelStep(question.title),
      passed: (state) => question.id in state.answers || state.done === true,
    }));
}

/** Follow-ups that point nowhere, remedies for tiers that do not exist, repeated ids. */
export function checkSurveyConfig(config: SurveyConfig): ConfigProblem[] {
  const words = surveyProblems(currentMessageLocale());
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  const tiers = new Set(config.tiers.map((tier) => tier.name));
  config.questions.forEach((question, index) => {
    const earlier = seen.get(question.id);
    if (earlier !== undefined)
      problems.push({
        path: ['questions', index, 'id'],
        message: words.repeatedId(question.id, earlier),
      });
    if (question.showIf) problems.push(...followUpProblems(config, question.showIf, index, seen, words));
    if (question.type === 'single' || question.type === 'multiple') {
      question.options.forEach((option, optionIndex) =>
        (option.remedy ?? []).forEach((remedy, remedyIndex) => {
          if (remedy.tier !== undefined && !tiers.has(remedy.tier)) {
            problems.push({
              path: ['questions', index, 'options', optionIndex, 'remedy', remedyIndex, 'tier'],
              message: words.unknownTier(remedy.tier, [...tiers]),
            });
          }
        }),
      );
    }
    seen.set(question.id, index);
  });
  return problems;
}

function followUpProblems(
  config: SurveyConfig,
  rule: NonNullable<SurveyQuestion['showIf']>,
  index: number,
  earlierIds: Map<string, number>,
  words: ReturnType<typeof surveyProblems>,
): ConfigProblem[] {
  const at = earlierIds.get(rule.question);
  const target = at === undefined ? undefined : config.questions[at];
  if (!target) {
    return [
      {
        path: ['questions', index, 'showIf', 'question'],
        message: words.noEarlierQuestion(rule.question),
      },
    ];
  }
  if (target.type === 'text') {
    return [
      {
        path: ['questions', index, 'showIf', 'question'],
        message: words.followsFreeText(rule.question),
      },
    ];
  }
  const known = target.type === 'nps' ? ['detractor', 'passive', 'promoter'] : target.options.map((option) => option.id);
  return rule.answers.flatMap((answer, answerIndex) =>
    known.includes(answer)
      ? []
      : [
          {
            path: ['questions', index, 'showIf', 'answers', answerIndex],
            message: words.unknownAnswer(rule.question, answer, known),
          },
        ],
  );
}
