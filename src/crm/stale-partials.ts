import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '../storage/local/durable-fs.ts';

/**
 * Removes what killed runs left beside `target`: `<target>.<pid>.partial` files of processes that
 * no longer exist. They hold customers' emails and phones, and nothing else would ever remove
 * them; a run that is still going (another pid, alive) keeps its own.
 */
export async function removeStalePartials(target: string): Promise<string[]> {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) return false;
    const pid = name.slice(prefix.length, -'.partial'.length);
    return /^\d+$/.test(pid) && Number(pid) !== process.pid && !isProcessAlive(Number(pid));
  });
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale;
}
