import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE = /\.(ts|js|mjs|svelte|astro)$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(SOURCE.test(entry.name) ? [path] : []);
    }),
  );
  return nested.flat();
}

it('keeps lowdb inside src/storage, so data files have one owner', async () => {
  const offenders: string[] = [];
  for (const file of await sourceFiles(join(root, 'src'))) {
    const path = relative(root, file);
    if (path.startsWith(join('src', 'storage'))) continue;
    if (/from\s+['"]lowdb/.test(await readFile(file, 'utf8'))) offenders.push(path);
  }
  expect(offenders).toEqual([]);
});
