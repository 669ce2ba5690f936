import { describe, expect, it } from 'vitest';
import { formatFigures, formatTable } from '../../../bench/lib/table.ts';

describe('formatTable', () => {
  it('pads columns to the widest cell, right-aligns numbers and groups thousands with spaces', () => {
    const table = formatTable('Runs', [
      { run: 'node:http', 'req/s': 12390, 'p99 ms': 10.33 },
      { run: 'visit', 'req/s': 2261, 'p99 ms': 78.4 },
    ]);
    expect(table.split('\n')).toEqual([
      'Runs',
      'run         req/s  p99 ms',
      '─────────  ──────  ──────',
      'node:http  12 390   10.33',
      'visit       2 261    78.4',
    ]);
  });

  it('left-aligns a column that holds any text', () => {
    const table = formatTable('Mixed', [{ value: 'defect' }, { value: 12 }]);
    expect(table.split('\n').slice(3)).toEqual(['defect', '12']);
  });
});

describe('formatFigures', () => {
  it('turns a figure → value record into two columns, booleans included', () => {
    const lines = formatFigures('Verdict', { 'on disk': true, events: 25653 }).split('\n');
    expect(lines.slice(3)).toEqual(['on disk  true', 'events   25 653']);
  });
});
