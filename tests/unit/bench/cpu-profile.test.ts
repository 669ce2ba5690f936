import { describe, expect, it } from 'vitest';
import { moduleOf, summariseProfile, type CpuProfile } from '../../../bench/lib/cpu-profile.ts';

const APP = 'file:///work/main/dist/server/chunks/projects_Cgrme_CY.mjs';

function frame(id: number, functionName: string, url: string, children: number[] = []) {
  return { id, callFrame: { functionName, url, lineNumber: 9 }, children };
}

/** root → findProject (app) → stat (native); root → (idle). 10 samples over 10 ms. */
const profile: CpuProfile = {
  nodes: [frame(1, '(root)', '', [2, 4]), frame(2, 'findProject', APP, [3]), frame(3, 'stat', ''), frame(4, '(idle)', '')],
  samples: [3, 3, 3, 3, 3, 3, 2, 2, 4, 4],
  startTime: 0,
  endTime: 10_000,
};

describe('moduleOf', () => {
  it('names the npm package, the Node internal area, the bundle chunk or the pseudo-frame', () => {
    expect(moduleOf('file:///work/main/node_modules/@astrojs/node/dist/serve-static.js', 'f')).toBe('@astrojs/node');
    expect(moduleOf('file:///work/main/node_modules/send/index.js', 'f')).toBe('send');
    expect(moduleOf('node:internal/fs/promises', 'stat')).toBe('node:internal/fs');
    expect(moduleOf('node:events', 'emit')).toBe('node:events');
    expect(moduleOf(APP, 'findProject')).toBe('dist/server/chunks/projects_Cgrme_CY.mjs');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(moduleOf('', 'stat')).toBe('(native)');
  });
});

describe('summariseProfile', () => {
  const summary = summariseProfile(profile);

  it('ranks self time by function, converting samples to milliseconds of the profiled span', () => {
    expect(summary.totalMs).toBe(10);
    expect(summary.selfByFunction).toEqual([
      { name: 'stat (native)', ms: 6, percent: 60 },
      { name: 'findProject dist/server/chunks/projects_Cgrme_CY.mjs:10', ms: 2, percent: 20 },
      { name: '(idle)', ms: 2, percent: 20 },
    ]);
  });

  it('charges an app function with the native calls it made', () => {
    expect(summary.totalByAppFunction).toEqual([{ name: 'findProject dist/server/chunks/projects_Cgrme_CY.mjs:10', ms: 8, percent: 80 }]);
  });

  it('keeps only the top entries', () => {
    expect(summariseProfile(profile, 1).selfByModule).toEqual([{ name: '(native)', ms: 6, percent: 60 }]);
  });
});
