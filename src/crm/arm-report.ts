import type { CustomerFacts } from './facts.ts';
import { estimateLift, type LiftEstimate } from './lift.ts';

/** One A/B arm's mailed customers, and their lift over the control group. */
export interface ArmReport {
  arm: string;
  links: number;
  visited: number;
  completed: number;
  /** Intent to treat, over the same send-based window as the control group. */
  reactivated: number;
  reactivationRate: number;
  attributed: number;
  vsControl: LiftEstimate;
}

/** Arm against arm: `arm`'s reactivation rate minus `other`'s. */
export interface ArmComparison {
  arm: string;
  other: string;
  lift: LiftEstimate;
}

export interface ArmsReport {
  arms: ArmReport[];
  /** Every pair once, in the arms' order. No arm wins unless its interval clears zero. */
  comparisons: ArmComparison[];
}

/**
 * The A/B arms of a project, in the order project.yaml lists them (then any arm of earlier
 * imports it no longer lists); empty for a project without arms.
 */
export function armsReport(facts: CustomerFacts, configured: readonly { id: string }[] | undefined): ArmsReport {
  const names = [...new Set([...(configured ?? []).map((variant) => variant.id), ...facts.arms.slice(1)])];
  if (names.length === 0 || facts.arms.length === 1) return { arms: [], comparisons: [] };
  const rows = new Map(names.map((arm) => [arm, emptyArm(arm)]));
  const control = { reactivated: 0, size: 0 };
  for (let index = 0; index < facts.size; index++) {
    const weight = facts.weight[index] ?? 1;
    const reactivated = happened(facts.reactivatedAt[index]);
    if (facts.isControl[index] === 1) {
      control.size += weight;
      if (reactivated) control.reactivated += weight;
      continue;
    }
    const row = rows.get(facts.arms[facts.armIndex[index] ?? 0] ?? '');
    if (!row) continue;
    row.links += weight;
    if (happened(facts.firstVisitAt[index])) row.visited += weight;
    if (happened(facts.completedAt[index])) row.completed += weight;
    if (reactivated) row.reactivated += weight;
    if (happened(facts.attributedAt[index])) row.attributed += weight;
  }
  const arms = [...rows.values()];
  const proportion = (row: ArmReport) => ({ reactivated: row.reactivated, size: row.links });
  for (const row of arms) {
    row.reactivationRate = row.links > 0 ? row.reactivated / row.links : 0;
    row.vsControl = estimateLift(proportion(row), control);
  }
  const comparisons = arms.flatMap((row, position) =>
    arms.slice(position + 1).map((other) => ({ arm: row.arm, other: other.arm, lift: estimateLift(proportion(row), proportion(other)) })),
  );
  return { arms, comparisons };
}

function emptyArm(arm: string): ArmReport {
  return {
    arm,
    links: 0,
    visited: 0,
    completed: 0,
    reactivated: 0,
    reactivationRate: 0,
    attributed: 0,
    vsControl: { status: 'no-control' },
  };
}

function happened(at: number | undefined): boolean {
  return at !== undefined && !Number.isNaN(at);
}
