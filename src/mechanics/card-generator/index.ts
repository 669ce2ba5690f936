import { defineMechanic } from '../types.ts';
import { checkCardConfig } from './check.ts';
import { cardPreviewPlays } from './preview.ts';
import { cardExample } from './example.ts';
import { act, funnelSteps, initialState, isComplete, summary, view, type CardGeneratorState, type CardGeneratorView } from './rules.ts';
import { cardGeneratorActionSchema, cardGeneratorConfigSchema, type CardGeneratorConfig } from './schema.ts';

export type { CardGeneratorState, CardGeneratorView, QuestionView } from './rules.ts';
export type { CardGeneratorConfig } from './schema.ts';

/**
 * «Генератор поздравлений»: a few questions, then a greeting card composed from the answers, with
 * «Другой вариант» for the next variant and «Создать ещё» for a new card.
 */
export const cardGenerator = defineMechanic<CardGeneratorConfig, CardGeneratorState, CardGeneratorView>()({
  kind: 'card-generator',
  configSchema: cardGeneratorConfigSchema,
  actionSchema: cardGeneratorActionSchema,
  checkConfig: checkCardConfig,
  initialState,
  act,
  isComplete,
  view,
  summary,
  funnelSteps,
  previewPlays: cardPreviewPlays,
  example: cardExample,
});
