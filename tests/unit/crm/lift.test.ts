import { describe, expect, it } from 'vitest';
import { estimateLift, MIN_REACTIVATED_PER_GROUP } from '../../../src/crm/lift.ts';
import { detectionPlan, minimumDetectableDifference } from '../../../src/crm/plan.ts';

describe('estimateLift', () => {
  it('says «too early» and how many more reactivated customers each group needs', () => {
    expect(MIN_REACTIVATED_PER_GROUP).toBe(10);
    expect(estimateLift({ reactivated: 30, size: 1000 }, { reactivated: 2, size: 100 })).toEqual({
      status: 'too-early',
      target: { reactivated: 30, size: 1000 },
      control: { reactivated: 2, size: 100 },
      needs: { target: 0, control: 8 },
    });
  });

  it('shows the lift once both groups have ten, and names a direction only when the interval excludes zero', () => {
    const gain = estimateLift({ reactivated: 800, size: 10000 }, { reactivated: 50, size: 1000 });
    expect(gain).toMatchObject({ status: 'measured', verdict: 'gain' });
    expect(estimateLift({ reactivated: 40, size: 1000 }, { reactivated: 30, size: 1000 })).toMatchObject({ verdict: 'unclear' });
    expect(estimateLift({ reactivated: 10, size: 1000 }, { reactivated: 60, size: 1000 })).toMatchObject({ verdict: 'loss' });
  });

  it('has nothing to compare without a control group', () => {
    expect(estimateLift({ reactivated: 10, size: 100 }, { reactivated: 0, size: 0 })).toEqual({ status: 'no-control' });
  });
});

describe('detectionPlan', () => {
  it('solves δ = (1.960 + 0.842) · √(p(1 − p)/n_c + (p + δ)(1 − p − δ)/n_t) for the smallest detectable lift', () => {
    // p = 0.05, n_c = 10 000, n_t = 100 000: δ₀ = 2.801585 · √(4.75e-6 + 4.75e-7) = 0.0064040;
    // with p + δ = 0.056404: √(4.75e-6 + 5.3223e-7) = 0.0022983 → δ = 0.0064391, settled.
    expect(minimumDetectableDifference(0.05, 100_000, 10_000)).toBeCloseTo(0.0064391, 6);
  });

  it('warns when the forecast counts on a smaller effect than the control group can detect', () => {
    // 1 000 mailed, 100 held out, 2% without mailing: δ = 4.55 points, 41 customers. The forecast
    // of 30 (3%) counts on 1 point: undetectable.
    const plan = detectionPlan({ forecast: 30, baseRate: 0.02, targetSize: 900, controlSize: 100 });
    expect(plan?.minimumDetectable).toBeCloseTo(0.0455232, 6);
    expect(plan?.minimumDetectableCustomers).toBeCloseTo(40.97, 1);
    expect(plan?.forecastEffect).toBeCloseTo(30 / 900 - 0.02, 10);
    expect(plan?.forecastUndetectable).toBe(true);
    expect(detectionPlan({ forecast: 8000, baseRate: 0.05, targetSize: 100_000, controlSize: 10_000 })?.forecastUndetectable).toBe(false);
  });

  it('plans at the forecast’s own rate without a base rate, and not at all without a usable rate', () => {
    expect(detectionPlan({ forecast: 5000, targetSize: 100_000, controlSize: 10_000 })).toMatchObject({
      baseRate: 0.05,
      baseRateFrom: 'forecast',
      forecastEffect: undefined,
      forecastUndetectable: false,
    });
    expect(detectionPlan({ forecast: 21659, targetSize: 3, controlSize: 1 })).toBeUndefined();
    expect(detectionPlan({ forecast: 10, targetSize: 100, controlSize: 0 })).toBeUndefined();
  });
});
