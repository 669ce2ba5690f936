import { describe, expect, it } from 'vitest';
import {
  areaPath,
  barFractions,
  labelIndices,
  linearScale,
  lineChartGeometry,
  linePath,
  niceTicks,
} from '../../../src/admin/charts/geometry.ts';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included (SVG y grows downwards)', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
  });

  it('maps a zero-width domain to the range start instead of NaN', () => {
    expect(linearScale([5, 5], [10, 90])(5)).toBe(10);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the maximum', () => {
    expect(niceTicks(29136, 4)).toEqual([0, 10000, 20000, 30000]);
    expect(niceTicks(7, 4)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100, 4)).toEqual([0, 50, 100]);
  });

  it('never uses fractional steps for small counts', () => {
    expect(niceTicks(2, 4)).toEqual([0, 1, 2]);
  });

  it('gives an all-zero or empty chart a 0–1 axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-3)).toEqual([0, 1]);
  });
});

describe('labelIndices', () => {
  it('labels every position when they fit', () => {
    expect(labelIndices(3, 6)).toEqual([0, 1, 2]);
  });

  it('thins long axes but keeps the first and the last', () => {
    const indices = labelIndices(60, 5);
    expect(indices[0]).toBe(0);
    expect(indices.at(-1)).toBe(59);
    expect(indices.length).toBeLessThanOrEqual(5);
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('returns nothing for no data', () => {
    expect(labelIndices(0, 5)).toEqual([]);
  });
});

describe('paths', () => {
  it('draws a line through the points and closes an area to the baseline', () => {
    const points = [
      { x: 0, y: 10 },
      { x: 50, y: 5.25 },
    ];
    expect(linePath(points)).toBe('M0 10 L50 5.3');
    expect(areaPath(points, 20)).toBe('M0 10 L50 5.3 L50 20 L0 20 Z');
    expect(areaPath([], 20)).toBe('');
  });
});

describe('lineChartGeometry', () => {
  const frame = { width: 400, height: 200, margins: { top: 10, right: 10, bottom: 30, left: 40 }, maxXLabels: 4 };

  it('puts the first day at the left edge, the last at the right, the maximum under the top tick', () => {
    const chart = lineChartGeometry({
      ...frame,
      categories: ['2020-12-14', '2020-12-15', '2020-12-16'],
      series: [{ key: 'visits', values: [0, 8, 4] }],
    });
    const [visits] = chart.series;
    expect(chart.empty).toBe(false);
    expect(visits?.points.map((point) => point.x)).toEqual([40, 215, 390]);
    expect(visits?.points[0]?.y).toBe(170);
    expect(chart.yTicks.at(-1)).toEqual({ y: 10, value: 8 });
    expect(chart.xLabels.map((label) => label.category)).toEqual(['2020-12-14', '2020-12-15', '2020-12-16']);
  });

  it('centres a single day', () => {
    const chart = lineChartGeometry({ ...frame, categories: ['2020-12-14'], series: [{ key: 'visits', values: [3] }] });
    expect(chart.series[0]?.points[0]?.x).toBe(215);
  });

  it('reports an empty chart with a bare axis and no paths', () => {
    const chart = lineChartGeometry({ ...frame, categories: [], series: [{ key: 'visits', values: [] }] });
    expect(chart.empty).toBe(true);
    expect(chart.series[0]?.line).toBe('');
    expect(chart.yTicks.map((tick) => tick.value)).toEqual([0, 1]);
  });
});

describe('barFractions', () => {
  it('scales to the largest value and survives all zeros', () => {
    expect(barFractions([200, 50, 0])).toEqual([1, 0.25, 0]);
    expect(barFractions([0, 0])).toEqual([0, 0]);
  });
});
