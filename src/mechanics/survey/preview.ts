import type { PreviewPlay } from '../types.ts';
import { act, earnedGift, initialState, nextQuestion, type NpsGroup, type SurveyConfig, type SurveyState } from './rules.ts';
import type { SurveyAction, SurveyQuestion } from './schema.ts';
import { surveyStrings } from './strings.ts';

/** Words a preview writes where a player would: short, and clean for the moderation. */
const SAMPLE_TEXT = { ru: 'Пример ответа', en: 'A sample answer' } as const;
/** A score in each NPS group, for follow-ups shown to one group. */
const GROUP_SCORE: Record<NpsGroup, number> = { detractor: 3, passive: 7, promoter: 10 };

/** Answers a path must give, by question id: the option ids or NPS groups that show a follow-up. */
type Required = Map<string, string[]>;

/**
 * Each question as a player reaches it (a follow-up after an answer that shows it), then the
 * thank-you screen: without a remedy when a player can finish without one, and once per remedy,
 * played as the tier it is for, so every gift the survey gives can be seen.
 */
export function surveyPreviewPlays(config: SurveyConfig, now: Date): PreviewPlay[] {
  const steps = config.questions.flatMap((question) => {
    const path = answersUntil(config, requiredFor(config, question), now, question.id);
    return path ? [{ label: question.title, actions: path.actions }] : [];
  });
  const plain = answersUntil(config, new Map(), now);
  const plainResult = plain && !earnedGift(config, plain.state) ? [{ label: config.thanks.title, actions: plain.actions }] : [];
  return [...steps, ...plainResult, ...remedyPlays(config, now)];
}

function remedyPlays(config: SurveyConfig, now: Date): PreviewPlay[] {
  const strings = surveyStrings(config.locale);
  return config.questions.flatMap((question) => {
    if (question.type !== 'single' && question.type !== 'multiple') return [];
    return question.options.flatMap((option) =>
      (option.remedy ?? []).flatMap((remedy) => {
        const required = requiredFor(config, question).set(question.id, [option.id]);
        const customer = remedy.tier === undefined ? undefined : { tier: remedy.tier };
        const path = answersUntil(config, required, now, undefined, customer);
        if (!path) return [];
        const tier = remedy.tier === undefined ? '' : ` (${strings.tier(remedy.tier)})`;
        return [{ label: `${config.thanks.title} — ${option.label}${tier}`, actions: path.actions, ...(customer ? { customer } : {}) }];
      }),
    );
  });
}

/** The answers that show `question`: its showIf, and the showIf of the question that names, and so on. */
function requiredFor(config: SurveyConfig, question: SurveyQuestion): Required {
  const required: Required = new Map();
  let rule = question.showIf;
  while (rule) {
    required.set(rule.question, rule.answers);
    const shownBy = rule.question;
    rule = config.questions.find((candidate) => candidate.id === shownBy)?.showIf;
  }
  return required;
}

/**
 * Plays the survey through its own rules, giving the required answers and a plain one elsewhere,
 * until `stopAt` is the next question (or to the end without it). Undefined when the rules never
 * ask it that way.
 */
function answersUntil(
  config: SurveyConfig,
  required: Required,
  now: Date,
  stopAt?: string,
  customer?: { tier: string },
): { actions: SurveyAction[]; state: SurveyState } | undefined {
  const actions: SurveyAction[] = [];
  let state = initialState();
  for (let next = nextQuestion(config, state); next; next = nextQuestion(config, state)) {
    if (next.id === stopAt) return { actions, state };
    const action = sampleAnswer(config, next, required.get(next.id));
    state = act(config, state, action, { seed: 'preview', now, customer });
    actions.push(action);
  }
  return stopAt === undefined ? { actions, state } : undefined;
}

/** An answer the rules accept: the first wanted one, else the first option without a remedy. */
function sampleAnswer(config: SurveyConfig, question: SurveyQuestion, wanted: string[] | undefined): SurveyAction {
  const text = SAMPLE_TEXT[config.locale];
  switch (question.type) {
    case 'nps': {
      const group = wanted?.find((answer): answer is NpsGroup => answer in GROUP_SCORE);
      return { type: 'answer', question: question.id, value: GROUP_SCORE[group ?? 'promoter'] };
    }
    case 'text':
      return question.optional ? { type: 'answer', question: question.id } : { type: 'answer', question: question.id, text };
    default: {
      const options = question.options;
      const option =
        options.find((candidate) => wanted?.includes(candidate.id)) ??
        options.find((candidate) => !candidate.ownAnswer && !candidate.remedy) ??
        options.find((candidate) => !candidate.ownAnswer) ??
        options[0];
      const value = question.type === 'multiple' ? [option?.id ?? ''] : (option?.id ?? '');
      return { type: 'answer', question: question.id, value, ...(option?.ownAnswer ? { text } : {}) };
    }
  }
}
