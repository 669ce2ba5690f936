/**
 * A closed-loop HTTP load generator: `connections` keep-alive connections, each sending its next
 * request as soon as the previous answer arrives, for a warm-up and then a measured window.
 * `runLoad` runs it in a child process, so the generator and the server under test never share
 * an event loop; the child prints its result as one JSON line.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { round, summariseLatencies, type LatencySummary } from './stats.ts';

export interface LoadSpec {
  /** Loopback only: the bench must never load another machine. */
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** A file with one Cookie header value per line; each request takes a random one. */
  cookieFile?: string;
  /** A file with one path (and query) per line; each request takes a random one instead of the url's. */
  pathsFile?: string;
  /** The status that acknowledges a request, e.g. 204. */
  expectedStatus: number;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Hard cap on requests sent, warm-up included. */
  maxRequests: number;
  /** A request unanswered after this long counts as an error. */
  timeoutMs: number;
}

export interface LoadResult extends LatencySummary {
  /** Answers with the expected status inside the measured window. */
  requests: number;
  seconds: number;
  perSecond: number;
  /** Answers with the expected status over the whole run, warm-up included. */
  acknowledged: number;
  /** Every answer by status code, warm-up included. */
  statuses: Record<string, number>;
  /** Requests that got no answer: refused, reset or timed out. */
  errors: number;
  firstError?: string;
}

/** Stop early when the server keeps failing: the figures would mean nothing anyway. */
const MAX_ERRORS = 1000;

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.url);
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [script, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  if (exitCode !== 0 || !lastLine.startsWith('{')) {
    throw new Error(`the load generator for ${spec.method} ${spec.url} exited with code ${exitCode}; its output was:\n${stdout}`);
  }
  return JSON.parse(lastLine) as LoadResult;
}

function assertLoopback(url: string): void {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
    throw new Error(`load target ${url} is not on this machine; expected a loopback address such as 127.0.0.1`);
  }
}

/** One request as the generator sends it; `cookie` is a whole Cookie header value. */
export function requestOnce(
  spec: Pick<LoadSpec, 'url' | 'method' | 'headers' | 'body' | 'timeoutMs'>,
  agent: http.Agent | false,
  cookie?: string,
  path?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(path ?? spec.url, spec.url);
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(spec.body));
  if (cookie !== undefined) headers.Cookie = cookie;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: spec.method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(spec.timeoutMs, () => request.destroy(new Error(`no answer within ${spec.timeoutMs} ms`)));
    request.end(spec.body);
  });
}

async function generateLoad(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.url);
  const linesOf = async (file: string | undefined) => (file ? (await readFile(file, 'utf8')).split('\n').filter(Boolean) : []);
  const cookies = await linesOf(spec.cookieFile);
  const paths = await linesOf(spec.pathsFile);
  const randomOf = (lines: string[]) => (lines.length > 0 ? lines[Math.floor(Math.random() * lines.length)] : undefined);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections, maxFreeSockets: spec.connections });
  const latencies = new Float64Array(spec.maxRequests);
  const statuses: Record<string, number> = {};
  let sent = 0;
  let measured = 0;
  let acknowledged = 0;
  let errors = 0;
  let firstError: string | undefined;

  const started = performance.now();
  const measureFrom = started + spec.warmupSeconds * 1000;
  const deadline = measureFrom + spec.durationSeconds * 1000;

  const send = () => {
    return requestOnce(spec, agent, randomOf(cookies), randomOf(paths)).then(({ status }) => status);
  };

  const connection = async () => {
    while (sent < spec.maxRequests && errors < MAX_ERRORS) {
      const begun = performance.now();
      if (begun >= deadline) return;
      sent += 1;
      try {
        const status = await send();
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== spec.expectedStatus) continue;
        acknowledged += 1;
        if (begun >= measureFrom) latencies[measured++] = performance.now() - begun;
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, connection));
  agent.destroy();

  const seconds = Math.max(0, (performance.now() - measureFrom) / 1000);
  return {
    requests: measured,
    seconds: round(seconds, 2),
    perSecond: seconds > 0 ? Math.round(measured / seconds) : 0,
    ...summariseLatencies(latencies.subarray(0, measured)),
    acknowledged,
    statuses,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

if (import.meta.main) {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  console.log(JSON.stringify(await generateLoad(spec)));
}
