import type { LoadedProject } from '../config/load.ts';
import type { ProjectConfig } from '../config/schema.ts';
import type { GiftConfig } from '../config/schemas/gift.ts';
import { claimFromPool, giftFor, loadPromoPool, openGift, tierFor, type GiftView } from '../gifts/index.ts';
import { mechanicFor } from '../mechanics/registry.ts';
import { ActionRefused, type ActContext, type Mechanic, type PlaySummary, type StockSource } from '../mechanics/types.ts';
import { HttpError } from '../server/http.ts';
import { isDeepStrictEqual } from 'node:util';
import { playerCookieKey } from '../server/cookie-signature.ts';
import { playerShareId } from '../share/share-id.ts';
import { customerLink, type Player } from '../server/player.ts';
import type { PlayRecord, Storage, TrackedEvent } from '../storage/types.ts';
import { enqueueWebhook } from '../webhooks/index.ts';
import { previewPromo } from './preview.ts';
import { shareContentOf } from '../share/content.ts';
import { phaseOf } from './schedule.ts';
import { playStrings } from './strings.ts';

/** What the browser learns about a play: it renders this and nothing else. */
export interface PlayStatus {
  started: boolean;
  completed: boolean;
  view: unknown;
  summary?: PlaySummary;
}

export interface PlayContext {
  project: LoadedProject;
  storage: Storage;
  player: Player;
  now: Date;
  /**
   * An uncounted preview (see preview.ts): `storage` is then the preview store, the schedule does
   * not apply, webhooks stay silent and promo codes are preview codes.
   */
  preview?: boolean;
}

/**
 * The registry pairs each config kind with its mechanic, so the config handed to a mechanic is
 * always its own kind; TypeScript cannot see that pairing through the union, hence one widening.
 */
function mechanicOf(config: ProjectConfig): Mechanic<string, ProjectConfig> {
  const mechanic = mechanicFor(config.kind);
  if (!mechanic) throw new HttpError(500, 'unknown-mechanic', playStrings(config.locale).unknownMechanic(config.kind));
  return mechanic as unknown as Mechanic<string, ProjectConfig>;
}

export async function playStatus(context: PlayContext): Promise<PlayStatus> {
  const record = await context.storage.plays.get(context.project.slug, context.player.key);
  return statusOf(context.project.config, record);
}

function statusOf(config: ProjectConfig, record: PlayRecord | undefined): PlayStatus {
  const mechanic = mechanicOf(config);
  const state = record ? record.state : mechanic.initialState(config);
  const completed = record?.completedAt !== undefined;
  return {
    started: record?.startedAt !== undefined,
    completed,
    view: mechanic.view(config, state),
    summary: completed ? mechanic.summary(config, state) : undefined,
  };
}

function assertRunning(context: PlayContext): void {
  if (context.preview) return;
  const { config } = context.project;
  const phase = phaseOf(config, context.now);
  if (phase === 'teaser') throw new HttpError(409, 'not-started', playStrings(config.locale).notStarted);
  if (phase === 'closed') throw new HttpError(409, 'ended', playStrings(config.locale).ended);
}

/**
 * Starts (or resumes) a play. Starting twice is harmless: the first start time is kept. A claimed
 * referral counts only if it is a share of this project made by someone else.
 */
export async function startPlay(context: PlayContext, claimedReferral?: string): Promise<PlayStatus> {
  assertRunning(context);
  const { project, storage, player, now } = context;
  const mechanic = mechanicOf(project.config);
  const referredBy = claimedReferral ? await validReferral(context, claimedReferral) : undefined;
  let firstStart = false;
  const record = await storage.plays.update(project.slug, player.key, (current) => {
    if (current?.startedAt) return current;
    firstStart = true;
    return {
      project: project.slug,
      player: player.key,
      state: current?.state ?? mechanic.initialState(project.config),
      startedAt: now.toISOString(),
      referredBy: current?.referredBy ?? referredBy,
      updatedAt: now.toISOString(),
    };
  });
  if (firstStart) await track(context, 'start', referredBy ? { share: referredBy } : undefined);
  return statusOf(project.config, record);
}

async function validReferral(context: PlayContext, shareId: string): Promise<string | undefined> {
  const share = await context.storage.shares.get(shareId);
  return share && share.project === context.project.slug && share.player !== context.player.key ? share.id : undefined;
}

/**
 * Freezes the player's finished result as a public share and returns its id. The content is the
 * server's own summary, never anything from the request.
 */
export function shareResult(context: PlayContext): Promise<string> {
  return oneAtATime(`${context.project.slug}\n${context.player.key}`, () => shareOnce(context));
}

/** Distinct results one player may share; a repeated share of the same result reuses its id. */
export const MAX_SHARES_PER_PLAYER = 10;

async function shareOnce(context: PlayContext): Promise<string> {
  const { project, storage, player, now } = context;
  const status = await playStatus(context);
  if (!status.completed || !status.summary) {
    throw new HttpError(403, 'not-completed', playStrings(project.config.locale).shareNotReady);
  }
  const content = shareContentOf(status.summary);
  for (let slot = 0; slot < MAX_SHARES_PER_PLAYER; slot++) {
    const id = playerShareId(playerCookieKey(), project.slug, player.key, slot);
    const existing = await storage.shares.get(id);
    if (existing && isDeepStrictEqual(existing.content, content)) return id;
    if (existing) continue;
    await storage.shares.create({ id, project: project.slug, player: player.key, content, createdAt: now.toISOString() });
    await track(context, 'share-create', { share: id });
    return id;
  }
  throw new HttpError(429, 'share-limit', playStrings(project.config.locale).shareLimit(MAX_SHARES_PER_PLAYER));
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of the same key in this process: two taps make one share. */
function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

/**
 * Applies one player action under the mechanic's rules. The whole read-modify-write runs inside
 * the storage's per-player lock, so two tabs answering at once cannot both score. A mechanic
 * that draws from stock draws first, outside the lock (claims are idempotent per player), and
 * its `act` checks the draw still fits the state.
 */
export async function applyAction(context: PlayContext, rawAction: unknown): Promise<PlayStatus> {
  assertRunning(context);
  const { project, storage, player } = context;
  const config = project.config;
  const strings = playStrings(config.locale);
  const mechanic = mechanicOf(config);
  const parsed = mechanic.actionSchema.safeParse(rawAction);
  if (!parsed.success) throw new HttpError(400, 'invalid-action', strings.invalidAction);
  const actContext = await actContextFor(context);
  if (mechanic.draw) {
    const before = await storage.plays.get(project.slug, player.key);
    if (!before?.startedAt) throw new HttpError(409, 'not-started', strings.startFirst);
    const draw = mechanic.draw.bind(mechanic);
    actContext.drawn = await refusedAsHttp(() =>
      draw(config, before.state, parsed.data, { ...actContext, claim: (source) => claimStock(context, source) }),
    );
  }
  let justCompleted = false;
  const record = await storage.plays.update(project.slug, player.key, (current) => {
    if (!current?.startedAt) throw new HttpError(409, 'not-started', strings.startFirst);
    const state = actOrRefuse(mechanic, config, current.state, parsed.data, actContext);
    justCompleted = current.completedAt === undefined && mechanic.isComplete(config, state);
    return {
      ...current,
      state,
      completedAt: current.completedAt ?? (justCompleted ? context.now.toISOString() : undefined),
      updatedAt: context.now.toISOString(),
    };
  });
  await track(context, 'answer', actionFacts(parsed.data));
  const status = statusOf(config, record);
  if (justCompleted) {
    await track(context, 'complete');
    await notify(context, 'complete', status.summary);
  }
  return status;
}

/**
 * The seed is the project and the player together: one player's replays give the same outcome,
 * two players do not share one (a slug alone would give every player the same spin).
 */
async function actContextFor(context: PlayContext): Promise<ActContext> {
  const { project, storage, player, now } = context;
  const link = await customerLink(project.slug, player, storage);
  const customer = link && { segment: link.segment, tier: tierFor(project.config.tiers, link.spend)?.name };
  return { seed: `${project.slug}:${player.key}`, now, customer };
}

async function claimStock(context: PlayContext, source: StockSource): Promise<string | undefined> {
  const { project, storage, player } = context;
  if ('promo' in source) {
    const { codes } = await loadPromoPool(project, source.promo);
    return claimFromPool(storage.promo, { project: project.slug, pool: source.promo.pool, player: player.key, codes });
  }
  return claimFromPool(storage.promo, {
    project: project.slug,
    pool: source.pool,
    player: player.key,
    codes: unitsOf(source.pool, source.units),
  });
}

const unitLists = new Map<string, readonly string[]>();

/** The names of a counted stock's units, built once per pool and size rather than on every claim. */
function unitsOf(pool: string, count: number): readonly string[] {
  const key = `${pool}\u0000${count}`;
  let units = unitLists.get(key);
  if (!units) {
    units = Array.from({ length: count }, (_, index) => `${pool}#${index + 1}`);
    unitLists.set(key, units);
  }
  return units;
}

function actOrRefuse(
  mechanic: Mechanic<string, ProjectConfig>,
  config: ProjectConfig,
  state: unknown,
  action: unknown,
  actContext: ActContext,
): unknown {
  try {
    return mechanic.act(config, state, action, actContext);
  } catch (error) {
    if (error instanceof ActionRefused) throw new HttpError(409, error.code, error.message);
    throw error;
  }
}

async function refusedAsHttp<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActionRefused) throw new HttpError(409, error.code, error.message);
    throw error;
  }
}

/** Only the shape of an action is tracked (its type and step), never free text a player typed. */
function actionFacts(action: unknown): Record<string, string | number> {
  const facts: Record<string, string | number> = {};
  if (typeof action !== 'object' || action === null) return facts;
  const { type, question } = action as { type?: unknown; question?: unknown };
  if (typeof type === 'string') facts.action = type.slice(0, 32);
  if (typeof question === 'number') facts.question = question;
  return facts;
}

/**
 * The gift, only for a player who completed: the server decides, so calling the gift endpoint
 * early gets a 403, and a promo code is claimed once per player however often this runs.
 * After the project ends, players who completed can still open their gift.
 */
export async function claimGift(context: PlayContext): Promise<GiftView> {
  const { project, storage, player } = context;
  const record = await completedRecord(context);
  const link = await customerLink(project.slug, player, storage);
  const gift = await openGift({
    project,
    storage: context.preview ? previewPromo : storage,
    player: player.key,
    customer: link ? { segment: link.segment, spend: link.spend, arm: link.arm } : undefined,
    gift: mechanicOf(project.config).earnedGift?.(project.config, record.state),
    preview: context.preview,
  });
  await track(context, 'gift-open');
  await notify(context, 'gift-open', statusOf(project.config, record).summary);
  return gift;
}

/** Tells the project's webhook, if any; enqueueing never waits for the network. */
async function notify(context: PlayContext, type: 'complete' | 'gift-open', summary: PlaySummary | undefined): Promise<void> {
  const { project, storage, player, now } = context;
  if (!project.config.webhook || context.preview) return;
  const link = await customerLink(project.slug, player, storage);
  enqueueWebhook({
    project,
    type,
    at: now,
    customerId: link?.customerId,
    player: link ? 'link' : 'anon',
    summary: summary && { title: summary.title, score: summary.score, facts: summary.facts },
  });
}

/**
 * The gift this player earned: the one of their segment or spend tier, and only after completion.
 * Gift downloads (PDF, file) serve what this returns, so they follow the same rule as the gift API.
 */
export async function earnedGift(context: PlayContext): Promise<GiftConfig> {
  const { project, storage, player } = context;
  const record = await completedRecord(context);
  const played = mechanicOf(project.config).earnedGift?.(project.config, record.state);
  return played ?? giftFor(project.config, await customerLink(project.slug, player, storage));
}

async function completedRecord(context: PlayContext): Promise<PlayRecord> {
  const record = await context.storage.plays.get(context.project.slug, context.player.key);
  if (!record?.completedAt) throw new HttpError(403, 'not-completed', playStrings(context.project.config.locale).giftLocked);
  return record;
}

export async function track(context: PlayContext, type: TrackedEvent['type'], data?: TrackedEvent['data']): Promise<void> {
  await context.storage.events.append({
    project: context.project.slug,
    type,
    at: context.now.toISOString(),
    player: context.player.key,
    data,
  });
}
