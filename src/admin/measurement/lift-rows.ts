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
