import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';

/** Makes a file's contents durable. Works on any file we may open for reading. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a directory's entries durable: without it a crash can forget a freshly created or renamed file. */
export async function fsyncDirectory(path: string): Promise<void> {
  await fsyncFile(path);
}

/**
 * Creates a folder and its missing parents, and makes each new directory entry durable, so a
 * power cut right after cannot lose a folder whose files were already synced.
 */
export async function mkdirDurably(path: string): Promise<void> {
  const firstCreated = await mkdir(path, { recursive: true });
  if (firstCreated === undefined) return;
  let created = dirname(firstCreated);
  await fsyncDirectory(created);
  for (const part of relative(created, path).split(sep)) {
    created = `${created}${sep}${part}`;
    await fsyncDirectory(created);
  }
}

/**
 * Replaces `path` so that after a crash it holds either the old or the new contents, never a
 * mix: write a temporary file, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomically(path: string, contents: string): Promise<void> {
  await mkdirDurably(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await fsyncDirectory(dirname(path));
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** True unless the operating system says no process has this id. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
