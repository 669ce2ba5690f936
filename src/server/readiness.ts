import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { settings } from '../environment/index.ts';
import { getStorage } from '../storage/index.ts';
import { HttpError } from './http-error.ts';

/**
 * Readiness, for a load balancer deciding whether to send traffic: the store opened, and the data
 * folder takes a write and an fsync (a full or read-only disk fails here before it fails a
 * player). Liveness (/api/health) stays free of all this, so a slow disk never gets the process
 * killed.
 */
export async function assertReady(dataDir = settings().dataDir): Promise<void> {
  try {
    await getStorage();
    await probeWrite(dataDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'failed';
    throw new HttpError(503, 'not-ready', `The data folder cannot be written (${code}).`, { headers: { 'Retry-After': '10' } });
  }
}

async function probeWrite(dataDir: string): Promise<void> {
  const file = path.join(dataDir, `.ready-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile('ready\n');
    await handle.sync();
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
}
