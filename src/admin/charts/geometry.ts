/**
 * Geometry for the dashboard's server-drawn SVG charts: scales, "nice" ticks and paths. Pure
 * functions, so the drawing can be tested without a browser and no chart library ships to it.
 */

export type Scale = (value: number) => number;

/** Maps `domain` linearly onto `range`; a zero-width domain maps everything to the range start. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * Ticks from 0 to a round maximum ≥ `max`, in steps of 1, 2 or 5 × 10^k, about `targetCount`
 * steps. Counts are whole numbers, so the step is never below 1; an all-zero chart still gets
 * a 0–1 axis instead of a division by zero.
 */
export function niceTicks(max: number, targetCount = 4): number[] {
  const top = Math.max(0, max);
  if (top === 0) return [0, 1];
  const roughStep = top / Math.max(1, targetCount);
  const magnitude = 10 ** Math.floor(Math.log10(roughStep));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= roughStep) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) {
    ticks.push(tick);
    if (tick >= top) break;
  }
  return ticks;
}

/**
 * Which of `count` category positions get a label: at most `maxLabels`, evenly spaced, always
 * the first and the last, so a 60-day axis stays readable on a phone.
 */
export function labelIndices(count: number, maxLabels: number): number[] {
  if (count <= 0) return [];
  if (count <= maxLabels) return Array.from({ length: count }, (_, index) => index);
  if (maxLabels <= 1) return [0];
  const stride = Math.ceil((count - 1) / (maxLabels - 1));
  const indices: number[] = [];
  for (let index = 0; index < count - 1; index += stride) indices.push(index);
  // Drop a label that would crowd the last one.
  const last = count - 1;
  const previous = indices[indices.length - 1];
  if (previous !== undefined && indices.length > 1 && last - previous < stride / 2) indices.pop();
  indices.push(last);
  return indices;
}

export interface Point {
  x: number;
  y: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** `M x y L x y …` through the points; empty for no points. */
export function linePath(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)} ${round(point.y)}`).join(' ');
}

/** The line closed down to `baselineY`, for a filled area under it. */
export function areaPath(points: readonly Point[], baselineY: number): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return '';
  return `${linePath(points)} L${round(last.x)} ${round(baselineY)} L${round(first.x)} ${round(baselineY)} Z`;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LineSeries {
  key: string;
  values: readonly number[];
}

export interface LineChartInput {
  /** One label per position on the x axis (ISO days for the daily chart). */
  categories: readonly string[];
  series: readonly LineSeries[];
  width: number;
  height: number;
  margins: Margins;
  maxXLabels: number;
  yTickCount?: number;
}

export interface LineChartGeometry {
  empty: boolean;
  plot: { left: number; right: number; top: number; bottom: number };
  xLabels: { x: number; category: string }[];
  yTicks: { y: number; value: number }[];
  series: { key: string; line: string; area: string; points: Point[] }[];
}

/** Everything a line/area chart needs to be drawn; with no categories it is `empty` with a bare axis. */
export function lineChartGeometry(input: LineChartInput): LineChartGeometry {
  const { categories, width, height, margins } = input;
  const plot = {
    left: margins.left,
    right: width - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
  };
  const maxValue = Math.max(0, ...input.series.flatMap((series) => series.values));
  const ticks = niceTicks(maxValue, input.yTickCount ?? 4);
  const y = linearScale([0, ticks[ticks.length - 1] ?? 1], [plot.bottom, plot.top]);
  const x = categories.length === 1 ? () => (plot.left + plot.right) / 2 : linearScale([0, categories.length - 1], [plot.left, plot.right]);
  return {
    empty: categories.length === 0,
    plot,
    xLabels: labelIndices(categories.length, input.maxXLabels).map((index) => ({
      x: x(index),
      category: categories[index] ?? '',
    })),
    yTicks: ticks.map((value) => ({ y: y(value), value })),
    series: input.series.map((series) => {
      const points = categories.map((_, index) => ({ x: x(index), y: y(series.values[index] ?? 0) }));
      return { key: series.key, line: linePath(points), area: areaPath(points, plot.bottom), points };
    }),
  };
}

/** Each value's share of the largest, 0–1, for bar lengths; all zeros give all zeros. */
export function barFractions(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((value) => (max === 0 ? 0 : Math.max(0, value) / max));
}
