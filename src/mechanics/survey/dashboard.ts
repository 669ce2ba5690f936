import type { DashboardContext, DashboardSection } from '../types.ts';
import { npsGroup, type SurveyConfig, type SurveyState } from './rules.ts';
import type { ChoiceQuestion } from './schema.ts';
import { surveyStrings } from './strings.ts';

const Z_95 = 1.959964;

/** Reasons by segment and tier, NPS with its 95% interval, and the moderated own answers. */
export async function surveyDashboard(
  config: SurveyConfig,
  plays: readonly SurveyState[],
  context: DashboardContext,
): Promise<DashboardSection[]> {
  const sections: DashboardSection[] = [];
  for (const question of config.questions) {
    if (question.type === 'single' || question.type === 'multiple') sections.push(reasonsSection(question, plays, context));
    if (question.type === 'nps') sections.push(npsSection(question.id, question.title, plays, context));
  }
  sections.push(freeTextSection(config, plays, context));
  return sections;
}

function reasonsSection(question: ChoiceQuestion, plays: readonly SurveyState[], context: DashboardContext): DashboardSection {
  const strings = surveyStrings(context.locale);
  const answered = plays.filter((play) => play.answers[question.id]?.options);
  const segments = [...new Set(answered.map((play) => play.segment ?? ''))].sort();
  const tiers = context.tiers.length > 0 ? [...context.tiers, ''] : [];
  const count = (option: string, keep: (play: SurveyState) => boolean) =>
    answered.filter((play) => keep(play) && play.answers[question.id]?.options?.includes(option)).length;
  return {
    id: `survey-${question.id}`,
    title: strings.reasonsTitle(question.title),
    columns: [strings.answer, strings.total, ...segments.map(strings.segment), ...tiers.map(strings.tier)],
    rows: question.options.map((option) => [
      option.label,
      count(option.id, () => true),
      ...segments.map((segment) => count(option.id, (play) => (play.segment ?? '') === segment)),
      ...tiers.map((tier) => count(option.id, (play) => (play.tier ?? '') === tier)),
    ]),
  };
}

/** NPS and its normal-approximation 95% interval: the variance of (promoter − detractor) per answer. */
export function npsOf(scores: readonly number[]): {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  low: number;
  high: number;
} {
  const n = scores.length;
  const share = (group: string) => (n === 0 ? 0 : scores.filter((score) => npsGroup(score) === group).length / n);
  const promoters = share('promoter');
  const detractors = share('detractor');
  const nps = promoters - detractors;
  const margin = n === 0 ? 0 : Z_95 * Math.sqrt(Math.max(0, promoters + detractors - nps * nps) / n);
  return {
    n,
    promoters,
    passives: share('passive'),
    detractors,
    nps: nps * 100,
    low: Math.max(-100, (nps - margin) * 100),
    high: Math.min(100, (nps + margin) * 100),
  };
}

function npsSection(id: string, title: string, plays: readonly SurveyState[], context: DashboardContext): DashboardSection {
  const strings = surveyStrings(context.locale);
  const scores = plays.flatMap((play) => (play.answers[id]?.score === undefined ? [] : [play.answers[id].score]));
  const result = npsOf(scores);
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(Math.round(value))}`;
  return {
    id: `survey-nps-${id}`,
    title: strings.npsTitle(title),
    columns: strings.npsColumns,
    rows: [
      [
        result.n,
        percent(result.promoters),
        percent(result.passives),
        percent(result.detractors),
        signed(result.nps),
        result.n === 0 ? '—' : `${signed(result.low)} … ${signed(result.high)}`,
      ],
    ],
    note: strings.npsNote,
  };
}

function freeTextSection(config: SurveyConfig, plays: readonly SurveyState[], context: DashboardContext): DashboardSection {
  const strings = surveyStrings(context.locale);
  const rows = plays.flatMap((play) =>
    config.questions.flatMap((question) => {
      const text = play.answers[question.id]?.text;
      return text ? [[question.title, text]] : [];
    }),
  );
  return {
    id: 'survey-own-answers',
    title: strings.freeTextTitle,
    columns: strings.freeTextColumns,
    rows,
    note: strings.freeTextNote,
    exportable: true,
  };
}
