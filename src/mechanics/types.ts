import type { z } from 'zod';
import type { GiftConfig, PromoCodeGift } from '../config/schemas/gift.ts';

/**
 * The contract every mechanic folder (`src/mechanics/<kind>/`) fulfils.
 *
 * A mechanic is pure game rules: it never touches storage, HTTP or the gift. The play service
 * (src/play/) loads the player's state, calls `act`, stores the result and decides what the client
 * may see through `view`. Like Sverdle's `game.ts`, the rules run only on the server, so a player
 * cannot skip a question, answer twice or claim a score.
 *
 * The Svelte player lives beside it as `Player.svelte` in a folder named after `kind`; each page
 * loads only its own mechanic's player, as a lazily loaded chunk (src/components/PlayerHost.svelte).
 * Adding a mechanic means adding a folder, declared with `defineMechanic`, and one line in
 * src/mechanics/registry.ts. tests/unit/mechanics/contract.test.ts holds every registered
 * mechanic to this: a player file, a conformance script, a play to completion.
 */
/**
 * A play an author can jump to in preview: a label and the actions that lead there, replayed
 * through the mechanic's own rules so a preview state is always one a player could reach.
 */
export interface PreviewPlay {
  label: string;
  actions: unknown[];
  /**
   * For mechanics that draw: what `draw` returns before each action. A preview names the outcome
   * it shows (a given prize) instead of rolling for it and claiming real stock.
   */
  drawn?: unknown[];
  /** The customer the preview plays as, for outcomes that depend on the tier (a survey's remedy). */
  customer?: { segment?: string; tier?: string };
}

export interface Mechanic<Kind extends string = string, Config extends { kind: Kind } = { kind: Kind }, State = unknown, View = unknown> {
  kind: Kind;
  /**
   * The mechanic's own config fields, with `kind: z.literal(kind)`. src/config merges it with the
   * shared project fields into one discriminated union, so it must be a strict z.object.
   */
  configSchema: z.ZodObject<{ kind: z.ZodLiteral<Kind> } & z.ZodRawShape>;
  /** Validates one player action sent by the browser; anything else is refused with 400. */
  actionSchema: z.ZodType;
  /** Semantic checks zod cannot express (e.g. result ranges must cover every score). */
  checkConfig?(config: Config): ConfigProblem[];
  /** The state of a player who has not acted yet. Must be JSON-serialisable. */
  initialState(config: Config): State;
  /**
   * For outcomes that take from a limited stock (a prize wheel): runs before `act`, outside the
   * player's lock, and may claim stock units; what it returns reaches `act` as `context.drawn`,
   * which must check that the state it drew for is still the current one. Claims are idempotent
   * per player and pool, so a repeated or concurrent request of one player takes nothing more.
   * Throws `ActionRefused` like `act`.
   */
  draw?(config: Config, state: State, action: unknown, context: DrawContext): Promise<unknown>;
  /**
   * Applies one validated action. Returns the next state (a new object; never mutate `state`)
   * or throws `ActionRefused` when the rules forbid it (out of order, repeated, already complete).
   * Randomness comes from `context.seed`, so replays and tests are deterministic.
   */
  act(config: Config, state: State, action: unknown, context: ActContext): State;
  /** True once the player has finished: the server hands out the gift only after this. */
  isComplete(config: Config, state: State): boolean;
  /** What the browser may see. Never reveals an answer before the player has committed to one. */
  view(config: Config, state: State): View;
  /** Short facts about a finished play, for the share image and the dashboard. */
  summary(config: Config, state: State): PlaySummary;
  /**
   * Where an author may jump in preview: each step, then one play per result (every result a
   * share image can show). Optional: without it a preview plays from the start like anyone.
   */
  previewPlays?(config: Config, now: Date): PreviewPlay[];
  /**
   * The steps of the funnel between «started» and «completed», e.g. one per question, with a
   * label for the dashboard and a test telling whether a state has passed the step.
   */
  funnelSteps(config: Config): FunnelStep<State>[];
  /**
   * The gift a finished play earned, when the play itself decides it (a prize won, a remedy for
   * the reason given); undefined leaves it to the project's `gift` and `giftRules`.
   */
  earnedGift?(config: Config, state: State): GiftConfig | undefined;
  /** The mechanic's own dashboard tables, computed from the state of every play of the project. */
  dashboard?(config: Config, plays: readonly State[], context: DashboardContext): Promise<DashboardSection[]>;
  /** A small working config of this mechanic, for `rekindle new` (see MechanicExample). */
  example?: MechanicExample;
}

/**
 * A mechanic's own part of a new project.yaml, as `rekindle new` writes it: a short, working,
 * commented example an author edits rather than a blank form. It must validate together with
 * the shared fields `rekindle new` writes (a test checks every registered mechanic).
 */
export interface MechanicExample {
  /** YAML of the mechanic's own fields (everything but `kind`), with comments, per project locale. */
  yaml: Record<'ru' | 'en', string>;
  /** Neutral placeholder pictures the YAML names, as path in the project folder → SVG text. */
  assets?: Record<string, string>;
}

export interface ActContext {
  /**
   * Stable per player and project, different between players: the same player giving the same
   * answers gets the same outcome (the same card, the same spin), and two players do not share
   * one. The play service derives it from the project and the player key.
   */
  seed: string;
  now: Date;
  /** The customer behind a personal link, for outcomes by tier; absent for anonymous players. */
  customer?: { segment?: string; tier?: string };
  /** What `draw` returned for this action, for mechanics that draw. */
  drawn?: unknown;
}

/** Where a unit of stock comes from: a promo-code pool file, or a plain count of units. */
export type StockSource = { promo: PromoCodeGift } | { pool: string; units: number };

export interface DrawContext extends Omit<ActContext, 'drawn'> {
  /**
   * Claims one unit of the source for this player atomically (storage's promo claim): never one
   * unit to two players, the same unit to the same player on every repeat. Undefined when the
   * stock is exhausted.
   */
  claim(source: StockSource): Promise<string | undefined>;
}

export interface DashboardContext {
  /** The dashboard's language (the admin may read a Russian project in English). */
  locale: 'ru' | 'en';
  /** Spend tiers of the project, in order. */
  tiers: readonly string[];
  /** How many units the source holds in all (the codes of a pool file, or the units). */
  stockOf(source: StockSource): Promise<number>;
}

/** A table on the project dashboard; every cell is plain text or a number. */
export interface DashboardSection {
  id: string;
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** One sentence under the table. */
  note?: string;
  /** Offered as a CSV download too (`/admin/<project>/sections/<id>.csv`). */
  exportable?: boolean;
}

export interface PlaySummary {
  /** e.g. «5 из 6» for the quiz; omitted by mechanics without a score. */
  score?: { value: number; of: number };
  /** The headline of the result, e.g. the result title chosen by score range. */
  title: string;
  /** Longer text: the result description or the generated greeting. */
  text?: string;
  /**
   * The result's own picture as a path inside the project folder (never a URL), e.g.
   * `assets/tulips.svg` for a greeting card; the share image draws it beside the text.
   */
  image?: string;
  /**
   * Answers a CRM chain may branch on, by question id (a survey's reason ids, an NPS score):
   * sent in the webhook payload, never drawn on a share image and never free text.
   */
  facts?: Record<string, string>;
}

export interface FunnelStep<State> {
  id: string;
  label: string;
  passed(state: State): boolean;
}

export interface ConfigProblem {
  /** Path inside project.yaml, e.g. ['results', 2, 'minScore']. */
  path: (string | number)[];
  message: string;
}

/**
 * Thrown by `act` when the rules refuse an action; becomes a 409 JSON error. The message reaches
 * the player as is, so it is written in the project's locale.
 */
export class ActionRefused extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ActionRefused';
    this.code = code;
  }
}

/**
 * Props of every `Player.svelte`. The player only renders: it shows `view` and sends the
 * player's choices through `act`, which resolves with the next view from the server (or rejects
 * with an Error whose message is already in the page's language and fit to show).
 * The host (src/components/PlayerHost.svelte) owns the intro, the gift and sharing.
 */
export interface PlayerProps<View = unknown> {
  view: View;
  act: (action: unknown) => Promise<View>;
  locale: 'ru' | 'en';
  /**
   * A player that still shows something after the completing action (the quiz's verdict on the
   * last answer) holds the gift and sharing back until the result is on screen: `true` while it
   * is, `false` once the result shows. Players that show their result at once need not call it.
   */
  holdResult?: (held: boolean) => void;
}

type ConfigSchemaOf<Kind extends string> = z.ZodObject<{ kind: z.ZodLiteral<Kind> } & z.ZodRawShape>;

/**
 * The one way to declare a mechanic: `defineMechanic<Config, State, View>()({ kind, … })`. The
 * two calls let TypeScript keep the exact config schema (so `config.questions` stays typed in the
 * project union) while the methods are checked against the config, state and view named first.
 * At run time it checks what types cannot: that `kind` is the schema's own literal.
 */
export function defineMechanic<Config extends { kind: string }, State, View>() {
  return <const Kind extends Config['kind'] & string, Schema extends ConfigSchemaOf<Kind>>(
    mechanic: Mechanic<Kind, Config & { kind: Kind }, State, View> & { kind: Kind; configSchema: Schema },
  ): Mechanic<Kind, Config & { kind: Kind }, State, View> & { kind: Kind; configSchema: Schema } => {
    const declared = mechanic.configSchema.shape.kind.value;
    if (declared !== mechanic.kind) {
      throw new Error(`Mechanic "${mechanic.kind}" has a configSchema for kind "${String(declared)}"; they must be the same.`);
    }
    if (!/^[a-z][a-z0-9-]*$/.test(mechanic.kind)) {
      throw new Error(`Mechanic kind "${mechanic.kind}" must be lowercase words joined by dashes: it is also its folder name.`);
    }
    return Object.freeze(mechanic);
  };
}
