import type { z } from 'zod';

/**
 * The contract every mechanic folder (`src/mechanics/<kind>/`) fulfils.
 *
 * A mechanic is pure game rules: it never touches storage, HTTP or the gift. The play service
 * (src/play/) loads the player's state, calls `act`, stores the result and decides what the client
 * may see through `view`. Like Sverdle's `game.ts`, the rules run only on the server, so a player
 * cannot skip a question, answer twice or claim a score.
 *
 * The Svelte player lives beside it as `Player.svelte` and is found by folder name (see
 * src/components/PlayerHost.svelte), so adding a mechanic means adding a folder and one line in
 * src/mechanics/registry.ts.
 */
export interface Mechanic<
  Kind extends string = string,
  Config extends { kind: Kind } = { kind: Kind },
  State = unknown,
  View = unknown,
> {
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
   * Applies one validated action. Returns the next state (a new object; never mutate `state`)
   * or throws `ActionRefused` when the rules forbid it (out of order, repeated, already complete).
   * `random` is a seeded source so replays and tests are deterministic.
   */
  act(config: Config, state: State, action: unknown, context: ActContext): State;
  /** True once the player has finished: the server hands out the gift only after this. */
  isComplete(config: Config, state: State): boolean;
  /** What the browser may see. Never reveals an answer before the player has committed to one. */
  view(config: Config, state: State): View;
  /** Short facts about a finished play, for the share image and the dashboard. */
  summary(config: Config, state: State): PlaySummary;
  /**
   * The steps of the funnel between «started» and «completed», e.g. one per question, with a
   * label for the dashboard and a test telling whether a state has passed the step.
   */
  funnelSteps(config: Config): FunnelStep<State>[];
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
  /** Stable per player: same player, same answers ⇒ same outcome (e.g. the same card). */
  seed: string;
  now: Date;
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

/** Thrown by `act` when the rules refuse an action; becomes a 409 JSON error. */
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
}
