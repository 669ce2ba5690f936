import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A stand-in for Astro's built entry, as the production server loads it (with its empty client
 * folder beside it), so a test sees what Node answers itself and what it hands to the app.
 * `handlerSource` is the body of `(request, response) => …`.
 */
export async function stubAppEntry(root: string, handlerSource: string): Promise<string> {
  await mkdir(path.join(root, 'build', 'server'), { recursive: true });
  await mkdir(path.join(root, 'build', 'client'), { recursive: true });
  const entry = path.join(root, 'build', 'server', 'entry.mjs');
  await writeFile(entry, `export const handler = (request, response) => { ${handlerSource} };`);
  return entry;
}
