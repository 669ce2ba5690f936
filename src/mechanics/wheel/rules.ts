import type { Locale } from '../../config/schemas/common.ts';
import type { GiftConfig } from '../../config/schemas/gift.ts';
import { currentMessageLocale } from '../../i18n/cli-messages.ts';
import { cyrb53 } from '../../lib/cyrb53.ts';
import {
  ActionRefused,
  type ActContext,
  type ConfigProblem,
  type DrawContext,
  type FunnelStep,
  type PlaySummary,
  type StockSource,
} from '../types.ts';
import type { Prize, WheelOwnConfig } from './schema.ts';
import { wheelProblems } from './problems.ts';
import { wheelStrings } from './strings.ts';

/**
 * The rules of the wheel. The server draws: the browser only animates toward the answer. Every
 * draw is recorded with the seeded number behind it and the prizes that had run out, so a
 * dispute can be settled from the record.
 */

/** The wheel's fields plus what every project has and the wheel needs. */
export type WheelConfig = WheelOwnConfig & { slug: string; locale: Locale; gift: GiftConfig };

/** One spin as drawn on the server. */
export interface SpinRecord {
  /** 1-based. */
  spin: number;
  /** The seeded number in [0, 1) that chose the sector: the project, the player and the spin. */
  roll: number;
  /** Id of the prize given. */
  prize: string;
  /** The unit of stock claimed for it: a promo code, or `wheel:<id>#<n>`; none for the consolation. */
  unit?: string;
  /** Prizes the roll fell on first but that had run out, in order; their odds went to the rest. */
  ranOut: string[];
  /** Odds in percent of the draw that decided, once the prizes that ran out were taken away. */
  odds: Record<string, number>;
  /** The customer's spend tier, for the dashboard. */
  tier?: string;
  at: string;
}

export interface WheelState {
  spins: SpinRecord[];
}

export interface WheelView {
  sectors: { id: string; label: string; color?: string }[];
  spinsLeft: number;
  /** The last spin: the sector the wheel stops at, and what it gave. */
  won?: { spin: number; sector: number; label: string; description?: string };
  labels: { spin: string; spinning: string; spinsLeft: string; youWon: string; wheel: string };
}

export function initialState(): WheelState {
  return { spins: [] };
}

export function isComplete(_config: WheelConfig, state: WheelState): boolean {
  return state.spins.length > 0;
}

/** The seeded number of one player's n-th spin, in [0, 1). */
export function rollFor(seed: string, spin: number): number {
  return cyrb53(`${seed}:spin:${spin}`) / 2 ** 53;
}

/** Which prize a roll falls on among `prizes`, by their odds; the consolation when none has any. */
export function prizeAt(prizes: readonly Prize[], roll: number): Prize {
  const total = prizes.reduce((sum, prize) => sum + prize.odds, 0);
  const consolation = prizes.find((prize) => prize.consolation) as Prize;
  if (total <= 0) return consolation;
  let cumulative = 0;
  for (const prize of prizes) {
    cumulative += prize.odds;
    if (roll * total < cumulative) return prize;
  }
  return prizes.at(-1) as Prize;
}

export function stockSourceOf(prize: Prize): StockSource | undefined {
  if (prize.consolation) return undefined;
  if (prize.gift?.kind === 'promo-code') return { promo: prize.gift };
  return { pool: `wheel:${prize.id}`, units: prize.stock ?? 0 };
}

/**
 * Draws the next spin: rolls, claims a unit of the prize it falls on, and when that prize has
 * run out takes it away and rolls the same number over the rest, until a prize with stock or the
 * consolation is reached.
 */
export async function draw(config: WheelConfig, state: WheelState, _action: unknown, context: DrawContext): Promise<SpinRecord> {
  assertSpinLeft(config, state);
  const spin = state.spins.length + 1;
  const roll = rollFor(context.seed, spin);
  let remaining = [...config.prizes];
  const ranOut: string[] = [];
  for (;;) {
    const prize = prizeAt(remaining, roll);
    const source = stockSourceOf(prize);
    const unit = source ? await context.claim(source) : undefined;
    if (!source || unit !== undefined) {
      return {
        spin,
        roll,
        prize: prize.id,
        ...(unit === undefined ? {} : { unit }),
        ranOut,
        odds: oddsOf(remaining),
        ...(context.customer?.tier ? { tier: context.customer.tier } : {}),
        at: context.now.toISOString(),
      };
    }
    ranOut.push(prize.id);
    remaining = remaining.filter((candidate) => candidate !== prize);
  }
}

function oddsOf(prizes: readonly Prize[]): Record<string, number> {
  const total = prizes.reduce((sum, prize) => sum + prize.odds, 0);
  return Object.fromEntries(prizes.map((prize) => [prize.id, total > 0 ? Math.round((prize.odds / total) * 10000) / 100 : 0]));
}

function assertSpinLeft(config: WheelConfig, state: WheelState): void {
  if (state.spins.length >= config.spinsPerLink) throw new ActionRefused('no-spins-left', wheelStrings(config.locale).refusedNoSpins);
}

/** Records the spin drawn for this very state; a draw made for an earlier state is refused. */
export function act(config: WheelConfig, state: WheelState, _action: unknown, context: ActContext): WheelState {
  assertSpinLeft(config, state);
  const drawn = context.drawn as SpinRecord | undefined;
  if (!drawn || drawn.spin !== state.spins.length + 1) {
    throw new ActionRefused('already-spun', wheelStrings(config.locale).refusedSpun);
  }
  return { spins: [...state.spins, drawn] };
}

/** The prize that decides the gift: the first one won that is not the consolation, else the last. */
export function decisivePrize(config: WheelConfig, state: WheelState): Prize | undefined {
  const won = state.spins.map((spin) => config.prizes.find((prize) => prize.id === spin.prize)).filter((prize) => prize !== undefined);
  return won.find((prize) => !prize.consolation) ?? won.at(-1);
}

export function view(config: WheelConfig, state: WheelState): WheelView {
  const strings = wheelStrings(config.locale);
  const last = state.spins.at(-1);
  const sector = last ? config.prizes.findIndex((prize) => prize.id === last.prize) : -1;
  const prize = config.prizes[sector];
  const spinsLeft = Math.max(0, config.spinsPerLink - state.spins.length);
  return {
    sectors: config.prizes.map(({ id, label, color }) => (color ? { id, label, color } : { id, label })),
    spinsLeft,
    ...(last && prize
      ? { won: { spin: last.spin, sector, label: prize.label, ...(prize.description ? { description: prize.description } : {}) } }
      : {}),
    labels: {
      spin: config.spinButton ?? strings.spin,
      spinning: strings.spinning,
      spinsLeft: strings.spinsLeft(spinsLeft),
      youWon: prize ? strings.youWon(prize.label) : '',
      wheel: strings.wheelLabel(config.prizes.map((candidate) => candidate.label)),
    },
  };
}

export function summary(config: WheelConfig, state: WheelState): PlaySummary {
  const prize = decisivePrize(config, state);
  const label = prize?.label ?? '';
  const title = config.resultTitle ? config.resultTitle.replaceAll('{prize}', label) : wheelStrings(config.locale).resultTitle(label);
  return prize?.description ? { title, text: prize.description } : { title };
}

export function earnedGift(config: WheelConfig, state: WheelState): GiftConfig | undefined {
  return decisivePrize(config, state)?.gift;
}

export function funnelSteps(config: WheelConfig): FunnelStep<WheelState>[] {
  return [{ id: 'spin', label: wheelStrings(config.locale).funnelStep, passed: (state) => state.spins.length > 0 }];
}

const ODDS_TOLERANCE = 1e-6;

/** Configs that cannot work: odds that do not add up, prizes without stock, no or two consolations. */
export function checkWheelConfig(config: WheelOwnConfig): ConfigProblem[] {
  const words = wheelProblems(currentMessageLocale());
  const problems: ConfigProblem[] = [];
  const sum = config.prizes.reduce((total, prize) => total + prize.odds, 0);
  if (Math.abs(sum - 100) > ODDS_TOLERANCE) {
    problems.push({
      path: ['prizes'],
      message: words.oddsSum(Math.round(sum * 1000) / 1000, config.prizes.map((prize) => `${prize.id} ${prize.odds}`).join(', ')),
    });
  }
  const consolations = config.prizes.flatMap((prize, index) => (prize.consolation ? [index] : []));
  if (consolations.length !== 1) {
    problems.push({
      path: ['prizes'],
      message: words.consolations(consolations.length),
    });
  }
  const firstIndexOf = new Map<string, number>();
  config.prizes.forEach((prize, index) => {
    const earlier = firstIndexOf.get(prize.id);
    if (earlier !== undefined) problems.push({ path: ['prizes', index, 'id'], message: words.repeatedId(prize.id, earlier) });
    firstIndexOf.set(prize.id, index);
    problems.push(...stockProblems(prize, index, words));
  });
  return problems;
}

function stockProblems(prize: Prize, index: number, words: ReturnType<typeof wheelProblems>): ConfigProblem[] {
  const at = (field: string) => ['prizes', index, field];
  if (prize.consolation) {
    return prize.stock === undefined ? [] : [{ path: at('stock'), message: words.limitedConsolation }];
  }
  if (!prize.gift) {
    return [{ path: at('gift'), message: words.noGift(prize.id) }];
  }
  if (prize.gift.kind === 'promo-code') {
    return prize.stock === undefined ? [] : [{ path: at('stock'), message: words.stockBesidePool(prize.id, prize.gift.pool) }];
  }
  return prize.stock === undefined
    ? [
        {
          path: at('stock'),
          message: words.noStock(prize.id),
        },
      ]
    : [];
}
