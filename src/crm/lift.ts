import { liftOf, type Lift, type Proportion } from './stats.ts';

/**
 * Whether a lift can be read yet. Below MIN_REACTIVATED_PER_GROUP reactivated customers in
 * either group the interval still has its 95% coverage (Newcombe's, see stats.ts), but it is
 * wider than the effects mailings have and moves with every single order: the dashboard says
 * «too early» and how many more it needs instead of printing it.
 */
export const MIN_REACTIVATED_PER_GROUP = 10;

/** What the interval says about the difference; only a bound past zero names a direction. */
export type LiftVerdict = 'gain' | 'loss' | 'unclear';

export type LiftEstimate =
  | { status: 'no-control' }
  | {
      status: 'too-early';
      target: Proportion;
      control: Proportion;
      /** More reactivated customers each group needs before the lift is shown. */
      needs: { target: number; control: number };
    }
  | { status: 'measured'; lift: Lift; verdict: LiftVerdict };

/**
 * The lift of `target` over `control` (the held-out group, or another arm) with its interval,
 * or why it cannot be shown yet.
 */
export function estimateLift(target: Proportion, control: Proportion): LiftEstimate {
  const lift = liftOf(target, control);
  if (!lift) return { status: 'no-control' };
  const needs = { target: shortOf(target), control: shortOf(control) };
  if (needs.target > 0 || needs.control > 0) return { status: 'too-early', target, control, needs };
  return { status: 'measured', lift, verdict: verdictOf(lift) };
}

function shortOf(group: Proportion): number {
  return Math.max(0, MIN_REACTIVATED_PER_GROUP - group.reactivated);
}

function verdictOf(lift: Lift): LiftVerdict {
  if (lift.rateDifferenceCi.low > 0) return 'gain';
  if (lift.rateDifferenceCi.high < 0) return 'loss';
  return 'unclear';
}
