import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const EXIT_ON_SIGTERM = fileURLToPath(new URL('./exit-on-sigterm.ts', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const HOST = '127.0.0.1';

export interface ServerProcess {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  port: number;
  /** User + system CPU seconds the server has used so far; undefined where /proc is missing. */
  cpuSeconds(): Promise<number | undefined>;
  /**
   * Asks the server to exit (SIGTERM) and waits for it; kills it if it does not go in 10 s.
   * Rejects when the server had already exited on its own: the figures of its run are void.
   */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** What the server is, for error messages: "the built Astro server". */
  label: string;
  script: string;
  env?: Record<string, string>;
  /** A path that answers `readyStatus` once the server can take requests. */
  readyPath: string;
  readyStatus: number;
  /** Writes a V8 CPU profile of the server into this folder when it stops. */
  cpuProfileDir?: string;
  cwd?: string;
}

/** Starts a Node server as a child on a free loopback port and waits until it answers. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', EXIT_ON_SIGTERM, options.script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), HOST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = `http://${HOST}:${port}`;
  try {
    await waitUntilReady(child, `${origin}${options.readyPath}`, options.readyStatus);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${options.label} (${options.script}) did not start: ${(error as Error).message}. Its output:\n${output}`);
  }
  return {
    origin,
    port,
    cpuSeconds: () => cpuSecondsOf(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        const how = child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
        throw new Error(
          `${options.label} (${options.script}) exited on its own during the bench (${how}). The end of its output:\n${output}`,
        );
      }
      await stopChild(child);
    },
  };
}

async function waitUntilReady(child: ChildProcess, url: string, status: number): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === status) return;
      lastProblem = `GET ${url} answered ${response.status}, expected ${status}`;
    } catch (error) {
      lastProblem = `GET ${url} failed: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready after ${STARTUP_TIMEOUT_MS} ms (${lastProblem})`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Linux: utime and stime of /proc/<pid>/stat, fields 14 and 15, in clock ticks. */
async function cpuSecondsOf(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond();
  } catch {
    return undefined;
  }
}

let clockTicks: number | undefined;

function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port was assigned'))));
    });
  });
}
