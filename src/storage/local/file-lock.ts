import { open, readFile, rm } from 'node:fs/promises';
import { KeyedMutex } from '../keyed-mutex.ts';
import { isNotFound, isProcessAlive } from './durable-fs.ts';

/** Serialises holders inside this process; the lock file serialises processes (server, CLI). */
const inProcess = new KeyedMutex();

const RETRY_MS = 20;

/**
 * Runs `task` while holding an exclusive lock file shared by every process on the data dir.
 * The file holds the owner's pid, so a lock left by a crashed process is taken over.
 */
export function withFileLock<T>(lockPath: string, task: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  return inProcess.run(lockPath, async () => {
    await acquire(lockPath, timeoutMs);
    try {
      return await task();
    } finally {
      await rm(lockPath, { force: true });
    }
  });
}

async function acquire(lockPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(lockPath);
    // Our own pid can only be a leftover: inside this process the mutex above admits one holder.
    if (holder !== undefined && (holder === process.pid || !isProcessAlive(holder))) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${lockPath} is held by process ${holder ?? '(unknown)'}; waited ${timeoutMs} ms. ` +
          'Wait for that command to finish, or delete the file if no such process runs',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** The pid in the lock file; undefined while its owner is still writing it or once it is gone. */
async function lockHolder(lockPath: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
