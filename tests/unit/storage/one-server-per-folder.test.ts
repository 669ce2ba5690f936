import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/storage/index.ts';
import { link } from './contract.ts';

const script = fileURLToPath(new URL('./fixtures/open-as-server.ts', import.meta.url));
const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));

/** A server process on `dataDir`; resolves once it says ready, or with its exit code and stderr if it refuses. */
function startServer(
  dataDir: string,
): Promise<{ child: ChildProcessWithoutNullStreams; ready: boolean; code: number | null; stderr: string }> {
  const child = spawn(node, [script], { env: { ...process.env, REKINDLE_DATA_DIR: dataDir, REKINDLE_DATABASE_URL: '' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve({ child, ready: true, code: null, stderr });
    });
    child.on('exit', (code) => resolve({ child, ready: false, code, stderr }));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.stdin.end();
  });
}

describe('the embedded store admits one server per data folder', () => {
  let dataDir: string;
  const children: ChildProcessWithoutNullStreams[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rekindle-one-server-'));
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map(stop));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same folder, naming the process that holds it', async () => {
    const first = await startServer(dataDir);
    children.push(first.child);
    expect(first.ready).toBe(true);

    const second = await startServer(dataDir);
    children.push(second.child);
    expect(second.ready).toBe(false);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by another Rekindle server, process ${first.child.pid}`);
    expect(second.stderr).toContain('REKINDLE_DATABASE_URL');
  });

  it('lets a CLI import run beside the server, and a server start once the first has stopped', async () => {
    const first = await startServer(dataDir);
    children.push(first.child);
    const cli = await createStorage({ dataDir });
    await cli.links.add('new-year-traditions', [link(1)]);
    expect(await cli.links.count('new-year-traditions')).toBe(1);
    await cli.close();

    await stop(first.child);
    const next = await startServer(dataDir);
    children.push(next.child);
    expect(next.ready).toBe(true);
  });

  it('takes over from a server that was killed without closing', async () => {
    const first = await startServer(dataDir);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.on('exit', resolve));

    const next = await startServer(dataDir);
    children.push(next.child);
    expect(next.ready).toBe(true);
  });
});
