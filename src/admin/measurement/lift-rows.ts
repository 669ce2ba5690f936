import type { ArmsReport } from '../../crm/arm-report.ts';
import type { BreakdownRow } from '../../crm/report.ts';
import type { LiftEstimate } from '../../crm/lift.ts';

/** One row of a LiftTable. */
export interface LiftRow {
  /** Row name as shown; `key` identifies it for tests. */
  label: string;
  key: string;
  rateTarget: number;
  /** Undefined when the row has no group to compare with. */
  rateControl?: number;
  estimate: LiftEstimate;
}

/** Segment or tier rows as lift rows; customers without a segment or tier get `emptyLabel`. */
export function breakdownLiftRows(rows: readonly BreakdownRow[], emptyLabel: string): LiftRow[] {
  return rows.map((row) => ({
    label: row.key || emptyLabel,
    key: row.key,
    rateTarget: row.rateTarget,
    rateControl: row.control > 0 ? row.rateControl : undefined,
    estimate: row.lift,
  }));
}

/** Each arm against the control group. */
export function armLiftRows(ab: ArmsReport, controlRate: number): LiftRow[] {
  return ab.arms.map((row) => ({
    label: row.arm,
    key: row.arm,
    rateTarget: row.reactivationRate,
    rateControl: controlRate,
    estimate: row.vsControl,
  }));
}

/** Arm against arm, each pair once. */
export function armComparisonRows(ab: ArmsReport, pairLabel: (arm: string, other: string) => string): LiftRow[] {
  const rateOf = (arm: string) => ab.arms.find((row) => row.arm === arm)?.reactivationRate ?? 0;
  return ab.comparisons.map((pair) => ({
    label: pairLabel(pair.arm, pair.other),
    key: `${pair.arm}:${pair.other}`,
    rateTarget: rateOf(pair.arm),
    rateControl: rateOf(pair.other),
    estimate: pair.lift,
  }));
}

/** [better, worse] for every pair whose interval clears zero; nobody else is called a winner. */
export function winners(ab: ArmsReport): [string, string][] {
  return ab.comparisons.flatMap((pair): [string, string][] => {
    if (pair.lift.status !== 'measured') return [];
    if (pair.lift.verdict === 'gain') return [[pair.arm, pair.other]];
    if (pair.lift.verdict === 'loss') return [[pair.other, pair.arm]];
    return [];
  });
}
