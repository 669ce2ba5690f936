import { existsSync, readFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageSettingError } from '../errors.ts';
import { isNotFound, isProcessAlive } from './durable-fs.ts';
import { withFileLock } from './file-lock.ts';

/**
 * The embedded store keeps plays, promo claims and shares in one process's memory, so two
 * servers on one data folder would each hand out codes and accept answers the other never
 * sees. The server takes `server.pid` in the folder at start; a second server refuses to
 * start and names the first. CLI imports do not take it: they write links and orders under
 * their own file locks, which the server reads.
 */
export async function holdAsServer(dataDir: string): Promise<{ release(): Promise<void> }> {
  const file = join(dataDir, 'server.pid');
  // The check and the take happen under a short lock, so two servers starting at once cannot both win.
  await withFileLock(join(dataDir, 'server.pid.lock'), async () => {
    const holder = await holderPid(file);
    if (holder !== undefined && holder !== process.pid && isNodeProcess(holder)) {
      throw new StorageSettingError(
        `the data folder ${dataDir} (REKINDLE_DATA_DIR) is in use by another Rekindle server, process ${holder}. ` +
          'One server process per data folder: stop that one, give this one its own folder, ' +
          'or set REKINDLE_DATABASE_URL to run several instances on PostgreSQL.',
      );
    }
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(String(process.pid));
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
  return {
    async release() {
      if ((await holderPid(file)) === process.pid) await rm(file, { force: true });
    },
  };
}

async function holderPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * A pid left by a server that died may since belong to another program (after a container
 * restart, say); where /proc tells, only a Node process counts as the holder.
 */
function isNodeProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes('node');
  } catch {
    return false;
  }
}
