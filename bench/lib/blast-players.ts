/**
 * Simulated players of a mailing blast: `players` concurrent loops, each taking the next personal
 * link of the mail-merge file and playing it through as a browser would (page, visit beacon,
 * start, every answer, gift, share, og.png), then the next link, for a warm-up and a measured
 * window. Closed loop, keep-alive connections. `runBlastPlayers` runs it in a child process so the
 * players never share an event loop with the server; the child prints its result as one JSON line.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { round, summariseLatencies, type LatencySummary } from './stats.ts';

export interface BlastSpec {
  /** Loopback only. */
  origin: string;
  slug: string;
  /** One personal link path per line (`/<slug>?c=<token>`), each played at most once. */
  linksFile: string;
  players: number;
  warmupSeconds: number;
  durationSeconds: number;
  timeoutMs: number;
  userAgent: string;
}

/** The steps of one play in order; `answer` happens once per question. */
export const BLAST_STEPS = ['page', 'visit', 'start', 'answer', 'gift', 'share', 'og.png'] as const;
export type BlastStep = (typeof BLAST_STEPS)[number];

/** Answers with the expected status, counted over the whole run (warm-up included), per step. */
export type StepCounts = Record<BlastStep, number>;

export interface BlastResult {
  /** Plays that finished (every step acknowledged) inside the measured window. */
  plays: number;
  seconds: number;
  playsPerSecond: number;
  /** Whole-play latency, first request to last answer. */
  play: LatencySummary;
  steps: Record<BlastStep, LatencySummary & { requests: number }>;
  acknowledged: StepCounts;
  /** Plays abandoned on an unexpected answer or a network error. */
  failedPlays: number;
  firstFailure?: string;
  linksUsed: number;
}

/** Stop early when plays keep failing: the figures would mean nothing. */
const MAX_FAILED_PLAYS = 200;

export async function runBlastPlayers(spec: BlastSpec): Promise<BlastResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(spec.origin))
    throw new Error(`blast target ${spec.origin} is not a loopback origin`);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  if (exitCode !== 0 || !lastLine.startsWith('{'))
    throw new Error(`the blast players exited with code ${exitCode}; their output was:\n${stdout}`);
  return JSON.parse(lastLine) as BlastResult;
}

class PlayFailed extends Error {}

interface Answer {
  status: number;
  body: Buffer;
  setCookie: string[];
}

function request(
  agent: http.Agent,
  spec: BlastSpec,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const url = new URL(path, spec.origin);
  const allHeaders: Record<string, string> = { 'User-Agent': spec.userAgent, 'Accept-Encoding': 'gzip, br', ...headers };
  if (body !== undefined) allHeaders['Content-Length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: allHeaders },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: decoded(Buffer.concat(chunks), response.headers['content-encoding']),
              setCookie: response.headers['set-cookie'] ?? [],
            });
          } catch (error) {
            reject(error as Error);
          }
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.setTimeout(spec.timeoutMs, () => outgoing.destroy(new Error(`no answer within ${spec.timeoutMs} ms`)));
    outgoing.end(body);
  });
}

/** A browser unpacks what it asked compressed; so do the players, to read the API's JSON. */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}

interface QuizStatus {
  completed: boolean;
  view: { current?: { index: number } };
}

async function generateBlast(spec: BlastSpec): Promise<BlastResult> {
  const links = (await readFile(spec.linksFile, 'utf8')).split('\n').filter(Boolean);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.players, maxFreeSockets: spec.players });
  const latencies = Object.fromEntries(BLAST_STEPS.map((step) => [step, [] as number[]])) as Record<BlastStep, number[]>;
  const acknowledged = Object.fromEntries(BLAST_STEPS.map((step) => [step, 0])) as StepCounts;
  const playTimes: number[] = [];
  let nextLink = 0;
  let failedPlays = 0;
  let firstFailure: string | undefined;

  const started = performance.now();
  const measureFrom = started + spec.warmupSeconds * 1000;
  const deadline = measureFrom + spec.durationSeconds * 1000;
  const json = { 'Content-Type': 'application/json', Origin: spec.origin };

  /** One request of a play: timed, counted when acknowledged, the play abandoned otherwise. */
  const step = async (name: BlastStep, expected: number, send: () => Promise<Answer>): Promise<Answer> => {
    const begun = performance.now();
    const answer = await send();
    if (answer.status !== expected)
      throw new PlayFailed(`${name} answered ${answer.status}, expected ${expected}: ${answer.body.toString().slice(0, 300)}`);
    acknowledged[name] += 1;
    if (begun >= measureFrom) latencies[name].push(performance.now() - begun);
    return answer;
  };

  const play = async (link: string) => {
    const page = await step('page', 200, () => request(agent, spec, 'GET', link, { Accept: 'text/html' }));
    const cookie = page.setCookie.map((line) => line.split(';', 1)[0]).join('; ');
    if (!cookie) throw new PlayFailed('the personal page set no player cookie');
    const headers = { ...json, Cookie: cookie };
    const api = (path: string, body: unknown) => () =>
      request(agent, spec, 'POST', `/api/${spec.slug}/${path}`, headers, JSON.stringify(body));
    await step('visit', 204, () =>
      request(agent, spec, 'POST', `/api/${spec.slug}/visit`, { ...headers, 'Content-Type': 'text/plain' }, '{}'),
    );
    let status = JSON.parse((await step('start', 200, api('start', {}))).body.toString()) as QuizStatus;
    while (!status.completed) {
      const question = status.view.current?.index;
      if (question === undefined) throw new PlayFailed('the quiz is neither complete nor asking a question');
      status = JSON.parse(
        (await step('answer', 200, api('play', { action: { type: 'answer', question, answer: Math.random() < 0.5 } }))).body.toString(),
      ) as QuizStatus;
    }
    await step('gift', 200, api('gift', {}));
    const share = JSON.parse((await step('share', 201, api('share', {}))).body.toString()) as { imageUrl: string };
    await step('og.png', 200, () => request(agent, spec, 'GET', new URL(share.imageUrl).pathname, { Accept: 'image/png' }));
  };

  const player = async () => {
    while (failedPlays < MAX_FAILED_PLAYS && nextLink < links.length) {
      const begun = performance.now();
      if (begun >= deadline) return;
      try {
        await play(links[nextLink++]!);
        const finished = performance.now();
        if (finished >= measureFrom && finished <= deadline) playTimes.push(finished - begun);
      } catch (error) {
        failedPlays += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.players }, player));
  agent.destroy();

  const seconds = spec.durationSeconds;
  const summary = (times: number[]) => summariseLatencies(Float64Array.from(times));
  return {
    plays: playTimes.length,
    seconds,
    playsPerSecond: round(playTimes.length / seconds, 1),
    play: summary(playTimes),
    steps: Object.fromEntries(
      BLAST_STEPS.map((name) => [name, { ...summary(latencies[name]), requests: latencies[name].length }]),
    ) as BlastResult['steps'],
    acknowledged,
    failedPlays,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    linksUsed: nextLink,
  };
}

if (import.meta.main) {
  console.log(JSON.stringify(await generateBlast(JSON.parse(process.argv[2] ?? '') as BlastSpec)));
}
