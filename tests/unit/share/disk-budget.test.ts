import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskBudget } from '../../../src/share/disk-budget.ts';

describe('DiskBudget', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rekindle-disk-budget-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes `name` (1 000 bytes) into a subfolder, as old as `ageSeconds`, and tells the budget. */
  async function cached(budget: DiskBudget, name: string, ageSeconds: number): Promise<void> {
    const folder = join(dir, name.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const file = join(folder, name);
    await writeFile(file, Buffer.alloc(1000));
    const time = new Date(Date.now() - ageSeconds * 1000);
    await utimes(file, time, time);
    await budget.added(1000);
  }

  async function names(): Promise<string[]> {
    return (await readdir(dir, { recursive: true }))
      .filter((name) => name.endsWith('.png'))
      .map((name) => name.slice(3))
      .sort();
  }

  it('removes the least recently used files once the folder passes its budget, down to 80% of it', async () => {
    const budget = new DiskBudget(dir, 5000);
    for (const [index, name] of ['aa1.png', 'bb2.png', 'cc3.png', 'dd4.png', 'ee5.png'].entries()) await cached(budget, name, 100 - index);
    expect(await names()).toHaveLength(5);
    await cached(budget, 'ff6.png', 0);
    expect(await names()).toEqual(['cc3.png', 'dd4.png', 'ee5.png', 'ff6.png']);
  });

  it('keeps a file that was used lately although it was written first', async () => {
    const budget = new DiskBudget(dir, 3000);
    await cached(budget, 'aa1.png', 30);
    await cached(budget, 'bb2.png', 20);
    await cached(budget, 'cc3.png', 10);
    await budget.used(join(dir, 'aa', 'aa1.png'));
    await cached(budget, 'dd4.png', 0);
    expect(await names()).toEqual(['aa1.png', 'dd4.png']);
  });

  it('counts the files already in the folder when it starts', async () => {
    const earlier = new DiskBudget(dir, 10_000);
    for (const name of ['aa1.png', 'bb2.png', 'cc3.png']) await cached(earlier, name, 10);
    const restarted = new DiskBudget(dir, 3500);
    await cached(restarted, 'dd4.png', 0);
    const left = await names();
    expect(left).toHaveLength(2);
    expect(left).toContain('dd4.png');
  });
});
