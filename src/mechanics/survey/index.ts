import { defineMechanic } from '../types.ts';
import { surveyExample } from './example.ts';
import { surveyPreviewPlays } from './preview.ts';
import { surveyDashboard } from './dashboard.ts';
import {
  act,
  checkSurveyConfig,
  earnedGift,
  funnelSteps,
  initialState,
  isComplete,
  summary,
  view,
  type SurveyConfig,
  type SurveyState,
  type SurveyView,
} from './rules.ts';
import { surveyActionSchema, surveyConfigSchema } from './schema.ts';

export type { SurveyView } from './rules.ts';

/**
 * «Почему вы ушли?»: a churn survey with choice, free-text and NPS questions, follow-ups after
 * certain answers, and a remedy per reason: the gift that answers why the customer left.
 */
export const survey = defineMechanic<SurveyConfig, SurveyState, SurveyView>()({
  kind: 'survey',
  configSchema: surveyConfigSchema,
  actionSchema: surveyActionSchema,
  checkConfig: checkSurveyConfig,
  initialState,
  act,
  isComplete,
  view,
  summary,
  funnelSteps,
  earnedGift,
  dashboard: surveyDashboard,
  example: surveyExample,
  previewPlays: surveyPreviewPlays,
});
