/**
 * What every mechanic folder provides as `conformance.ts`, so one test can play every registered
 * mechanic from its initial state to completion through the play service
 * (tests/unit/mechanics/contract.test.ts). The script plays like a browser: from the view only.
 */
export interface ConformanceScript {
  /** The mechanic's own config fields (with `kind`), as an author would write them. */
  config: Record<string, unknown>;
  /** The next action a player would send on seeing `view`. */
  nextAction(view: unknown): unknown;
  /** An action the server must refuse (with 400 or 409) in the view's state. */
  forgedAction(view: unknown): unknown;
}
