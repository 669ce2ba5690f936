import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the build is made from; project folders are read at run time and do not count. */
const BUILD_INPUTS = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
/** Written after a successful build, dated when that build started. */
const BUILT_MARKER = 'dist/.rekindle-built';

export interface BuildState {
  /** The server entry the bench starts. */
  entry: string;
  rebuilt: boolean;
  seconds: number;
}

/**
 * Builds the app with `astro build` unless dist/ is newer than every build input. The marker
 * carries the build's start time, so a file saved during a build makes the next run build again.
 */
export async function ensureFreshBuild(root: string): Promise<BuildState> {
  const entry = join(root, 'dist/server/entry.mjs');
  const builtAt = await modifiedAt(join(root, BUILT_MARKER));
  const newestInput = await newestModification(root, BUILD_INPUTS);
  if (builtAt !== undefined && builtAt >= newestInput && (await modifiedAt(entry)) !== undefined) {
    return { entry, rebuilt: false, seconds: 0 };
  }
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  const [exitCode] = (await once(child, 'close')) as [number | null];
  if (exitCode !== 0) throw new Error(`astro build failed with exit code ${exitCode}; the end of its output:\n${output}`);
  const marker = join(root, BUILT_MARKER);
  await writeFile(marker, '');
  await utimes(marker, new Date(started), new Date(started));
  return { entry, rebuilt: true, seconds: (Date.now() - started) / 1000 };
}

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestModification(root: string, inputs: string[]): Promise<number> {
  let newest = 0;
  for (const input of inputs) {
    const path = join(root, input);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) continue;
    for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}
