import { defineMechanic } from '../types.ts';
import { wheelExample } from './example.ts';
import { wheelPreviewPlays } from './preview.ts';
import { wheelDashboard } from './dashboard.ts';
import {
  act,
  checkWheelConfig,
  draw,
  earnedGift,
  funnelSteps,
  initialState,
  isComplete,
  summary,
  view,
  type WheelConfig,
  type WheelState,
  type WheelView,
} from './rules.ts';
import { wheelActionSchema, wheelConfigSchema } from './schema.ts';

export type { WheelView } from './rules.ts';

/**
 * «Колесо фортуны»: an instant win. The server draws from a seeded, recorded roll and claims the
 * prize's stock atomically, so a prize is never given more often than it exists; the browser
 * spins the wheel toward the server's answer.
 */
export const wheel = defineMechanic<WheelConfig, WheelState, WheelView>()({
  kind: 'wheel',
  configSchema: wheelConfigSchema,
  actionSchema: wheelActionSchema,
  checkConfig: checkWheelConfig,
  initialState,
  draw,
  act,
  isComplete,
  view,
  summary,
  funnelSteps,
  earnedGift,
  dashboard: wheelDashboard,
  example: wheelExample,
  previewPlays: wheelPreviewPlays,
});
