/**
 * HTTP event ingestion on a project with 1 000 000 links: sustained visit events per second and
 * p99 latency through the built server, each 204 answered only once the event is fsync'd; beside
 * two baselines of the same run and the same load generator: a bare node:http server answering
 * 204, and the bare Astro endpoint GET /api/health. Afterwards every acknowledged event must be
 * found on disk. Goal: 10 000 events/s with p99 under 10 ms; under 2 000/s or over 50 ms p99 is
 * a defect.
 * Run alone: node bench/http-ingest.ts [--cpu-prof]   (profiles both Astro servers)
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isbot } from 'isbot';
import { nanoid } from 'nanoid';
import { createStorage } from '../src/storage/index.ts';
import type { LinkRecord } from '../src/storage/types.ts';
import { ensureFreshBuild, type BuildState } from './lib/astro-build.ts';
import { formatProfileSummary, summariseProfile, type CpuProfile, type ProfileSummary } from './lib/cpu-profile.ts';
import { requestOnce, runLoad, type LoadResult, type LoadSpec } from './lib/load-generator.ts';
import { loadAverage } from './lib/machine.ts';
import { startServer, type ServerProcess } from './lib/server-process.ts';
import { percentOf, round } from './lib/stats.ts';
import { formatFigures, formatTable } from './lib/table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROJECT = 'new-year-traditions';
const LINKS = 1_000_000;
/** Signed cookies of this many random links; each request picks one of them. */
const PLAYERS = 100_000;
const CONNECTIONS = 64;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
const MAX_REQUESTS = 1_000_000;
const TIMEOUT_MS = 5_000;
/** Visits sent before the load to check the server accepts them (see probeVisit). */
const PROBES = 1;
/** Fixed so the bench can sign player cookies the server accepts; never used outside the bench. */
export const BENCH_SESSION_SECRET = 'rekindle-http-bench-secret-not-for-production';
export const PHONE_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

export const INGEST_GOAL = { eventsPerSecond: 10_000, p99Ms: 10 };
export const INGEST_DEFECT = { eventsPerSecond: 2_000, p99Ms: 50 };

/** A load run plus what it cost the server, measured over the whole run, warm-up included. */
export interface RunFigures extends LoadResult {
  serverCpuMicrosecondsPerRequest?: number;
  /** Server CPU time over wall time: near 100 % means the server's one thread was the limit. */
  serverBusyPercent?: number;
}

export interface HttpIngestResult {
  links: number;
  linksAddSeconds: number;
  build: BuildState;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  bareNode: RunFigures;
  astroHealth: RunFigures;
  ingest: RunFigures;
  durability: { acknowledged: number; visitsOnDisk: number; ok: boolean };
  verdict: 'meets the goal' | 'below the goal' | 'defect';
  loadAverageAfter: number[];
  /** CPU profiles of the two Astro servers, when asked for. */
  profiles?: { dir: string; health?: ProfileSummary; ingest?: ProfileSummary };
}

export async function benchHttpIngest(options: { cpuProfile?: boolean } = {}): Promise<HttpIngestResult> {
  if (isbot(PHONE_USER_AGENT))
    throw new Error(`isbot() takes the bench's user agent for a bot; visits would not be counted: ${PHONE_USER_AGENT}`);
  const build = await ensureFreshBuild(ROOT);
  const root = await mkdtemp(join(tmpdir(), 'rekindle-http-bench-'));
  try {
    const dataDir = join(root, 'data');
    const { tokens, seconds: linksAddSeconds } = await addLinks(dataDir);
    const cookies = await playerCookies(tokens);
    const cookieFile = join(root, 'cookies.txt');
    await writeFile(cookieFile, cookies.join('\n'));
    const profileDir = options.cpuProfile ? join(ROOT, 'bench/out/profiles', new Date().toISOString().replaceAll(':', '-')) : undefined;

    const bareNode = await withServer(
      startServer({ label: 'the bare node:http server', script: join(ROOT, 'bench/lib/bare-server.ts'), readyPath: '/', readyStatus: 204 }),
      (server) => measuredLoad(server, visitLoad(server.origin, cookieFile, { url: `${server.origin}/` })),
    );
    const astroHealth = await withServer(startRekindleServer(dataDir, await profileSubdir(profileDir, 'health')), (server) =>
      measuredLoad(
        server,
        visitLoad(server.origin, cookieFile, { url: `${server.origin}/api/health`, method: 'GET', body: undefined, expectedStatus: 200 }),
      ),
    );
    const ingest = await withServer(startRekindleServer(dataDir, await profileSubdir(profileDir, 'ingest')), async (server) => {
      const spec = visitLoad(server.origin, cookieFile, {});
      await probeVisit(spec, cookies[0]!);
      return measuredLoad(server, spec);
    });

    const acknowledged = ingest.acknowledged + PROBES;
    const visitsOnDisk = await countVisits(dataDir);
    return {
      links: LINKS,
      linksAddSeconds: round(linksAddSeconds, 1),
      build,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds: DURATION_SECONDS,
      bareNode,
      astroHealth,
      ingest,
      durability: { acknowledged, visitsOnDisk, ok: visitsOnDisk >= acknowledged },
      verdict: verdictOf(ingest),
      loadAverageAfter: loadAverage(),
      ...(profileDir ? { profiles: await summariseProfiles(profileDir) } : {}),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function verdictOf(ingest: Pick<LoadResult, 'perSecond' | 'p99'>): HttpIngestResult['verdict'] {
  if (ingest.perSecond < INGEST_DEFECT.eventsPerSecond || ingest.p99 > INGEST_DEFECT.p99Ms) return 'defect';
  if (ingest.perSecond >= INGEST_GOAL.eventsPerSecond && ingest.p99 < INGEST_GOAL.p99Ms) return 'meets the goal';
  return 'below the goal';
}

/** Adds the links through the store as an import would, and returns the tokens of random ones. */
async function addLinks(dataDir: string): Promise<{ tokens: string[]; seconds: number }> {
  const importedAt = new Date().toISOString();
  const links: LinkRecord[] = Array.from({ length: LINKS }, (_, index) => ({
    project: PROJECT,
    token: nanoid(21),
    customerId: `bench-customer-${index}`,
    name: 'Анна',
    segment: 'churned',
    spend: index % 60_000,
    group: index % 10 === 0 ? 'control' : 'target',
    importedAt,
  }));
  const started = performance.now();
  const storage = await createStorage({ dataDir });
  try {
    await storage.links.add(PROJECT, links);
  } finally {
    await storage.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const tokens = Array.from({ length: PLAYERS }, () => links[Math.floor(Math.random() * links.length)]!.token);
  return { tokens, seconds };
}

/** Cookie header values of the players, signed as the server signs them. */
async function playerCookies(tokens: string[]): Promise<string[]> {
  // The cookie module reads the secret on its first signature; set it before loading the module.
  process.env.REKINDLE_SESSION_SECRET = BENCH_SESSION_SECRET;
  const { sign } = await import('../src/server/cookie-signature.ts');
  const cookieName = `rk_${PROJECT.replaceAll('-', '_')}`;
  return tokens.map((token) => `${cookieName}=${sign(`link:${token}`)}`);
}

/** A visit beacon as the project page sends it from a phone; baselines override the target. */
function visitLoad(origin: string, cookieFile: string, overrides: Partial<LoadSpec>): LoadSpec {
  return {
    url: `${origin}/api/${PROJECT}/visit`,
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'text/plain', 'User-Agent': PHONE_USER_AGENT },
    body: '{}',
    cookieFile,
    expectedStatus: 204,
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds: DURATION_SECONDS,
    maxRequests: MAX_REQUESTS,
    timeoutMs: TIMEOUT_MS,
    ...overrides,
  };
}

/** The production server (src/server/node-server.ts) over the fresh build: beacons first, then Astro. */
export function startRekindleServer(dataDir: string, cpuProfileDir: string | undefined): Promise<ServerProcess> {
  return startServer({
    label: 'the Rekindle server',
    script: join(ROOT, 'src/server/node-server.ts'),
    cwd: ROOT,
    env: { REKINDLE_DATA_DIR: dataDir, REKINDLE_SESSION_SECRET: BENCH_SESSION_SECRET, REKINDLE_PROJECTS_DIR: join(ROOT, 'projects') },
    readyPath: '/api/health',
    readyStatus: 200,
    cpuProfileDir,
  });
}

export async function profileSubdir(profileDir: string | undefined, server: string): Promise<string | undefined> {
  if (!profileDir) return undefined;
  await mkdir(join(profileDir, server), { recursive: true });
  return join(profileDir, server);
}

/**
 * Runs `use` against a fresh server, then stops it. A server that died meanwhile makes `stop`
 * reject with its output, which is the cause worth reporting even when `use` failed too.
 */
export async function withServer<T>(starting: Promise<ServerProcess>, use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await starting;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

export async function measuredLoad(server: ServerProcess, spec: LoadSpec): Promise<RunFigures> {
  const cpuBefore = await server.cpuSeconds();
  const started = performance.now();
  const load = await runLoad(spec);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = await server.cpuSeconds();
  const answers = Object.values(load.statuses).reduce((sum, count) => sum + count, 0);
  if (cpuBefore === undefined || cpuAfter === undefined || answers === 0) return load;
  const cpuSeconds = cpuAfter - cpuBefore;
  return {
    ...load,
    serverCpuMicrosecondsPerRequest: Math.round((cpuSeconds * 1e6) / answers),
    serverBusyPercent: Math.round((cpuSeconds / wallSeconds) * 100),
  };
}

/** One visit before the load, so a refused request fails the bench at once with the server's reason. */
async function probeVisit(spec: LoadSpec, cookie: string): Promise<void> {
  const { status, body } = await requestOnce(spec, false, cookie);
  if (status !== spec.expectedStatus) {
    throw new Error(`POST ${spec.url} answered ${status}, expected ${spec.expectedStatus}; the body was: ${body.slice(0, 500)}`);
  }
}

/** Visits on disk, read by a fresh store after the server stopped: what a crash would have left. */
async function countVisits(dataDir: string): Promise<number> {
  const storage = await createStorage({ dataDir });
  try {
    let visits = 0;
    for await (const event of storage.events.scan(PROJECT)) if (event.type === 'visit') visits += 1;
    return visits;
  } finally {
    await storage.close();
  }
}

async function summariseProfiles(dir: string): Promise<NonNullable<HttpIngestResult['profiles']>> {
  const summaryIn = async (server: string) => {
    const [file] = (await readdir(join(dir, server))).filter((name) => name.endsWith('.cpuprofile'));
    return file ? summariseProfile(JSON.parse(await readFile(join(dir, server, file), 'utf8')) as CpuProfile) : undefined;
  };
  return { dir, health: await summaryIn('health'), ingest: await summaryIn('ingest') };
}

export function formatHttpIngest(result: HttpIngestResult): string {
  const { bareNode, astroHealth, ingest } = result;
  const row = (name: string, run: RunFigures, expectedStatus: number) => ({
    run: name,
    'req/s': run.perSecond,
    '% of node:http': percentOf(run.perSecond, bareNode.perSecond),
    '% of Astro /api/health': percentOf(run.perSecond, astroHealth.perSecond),
    'p50 ms': run.p50,
    'p99 ms': run.p99,
    'max ms': run.max,
    'server CPU µs/req': run.serverCpuMicrosecondsPerRequest ?? '–',
    'server busy': run.serverBusyPercent === undefined ? '–' : `${run.serverBusyPercent} %`,
    'other answers': otherAnswers(run, expectedStatus),
    errors: run.errors,
  });
  const sections = [
    formatTable(
      `HTTP ingestion: ${result.connections} connections, ${result.warmupSeconds} s warm-up + ${result.durationSeconds} s measured, ${result.links.toLocaleString('en-US').replaceAll(',', ' ')} links`,
      [
        row('baseline: node:http 204', bareNode, 204),
        row('baseline: Astro GET /api/health', astroHealth, 200),
        row(`POST /api/${PROJECT}/visit (fsync'd)`, ingest, 204),
      ],
    ),
    formatFigures('Ingestion verdict', {
      [`goal: ≥ ${INGEST_GOAL.eventsPerSecond} events/s, p99 < ${INGEST_GOAL.p99Ms} ms`]: result.verdict,
      'acknowledged visits (204)': result.durability.acknowledged,
      'visit events on disk': result.durability.visitsOnDisk,
      'every acknowledged event on disk': result.durability.ok,
      'links.add 1 000 000 links, s': result.linksAddSeconds,
      'astro build, s': result.build.rebuilt ? round(result.build.seconds, 1) : 'up to date',
      'load average after (1/5/15 min)': result.loadAverageAfter.join(' / '),
    }),
  ];
  const { profiles } = result;
  if (profiles?.health) sections.push(`Astro server under GET /api/health\n\n${formatProfileSummary(profiles.health)}`);
  if (profiles?.ingest) sections.push(`Astro server under POST /api/${PROJECT}/visit\n\n${formatProfileSummary(profiles.ingest)}`);
  if (profiles) sections.push(`CPU profiles (open in Chrome DevTools › Performance): ${profiles.dir}`);
  return sections.join('\n\n');
}

function otherAnswers(run: LoadResult, expectedStatus: number): string {
  const others = Object.entries(run.statuses).filter(([status]) => status !== String(expectedStatus));
  return others.length > 0 ? others.map(([status, count]) => `${status}×${count}`).join(' ') : '–';
}

if (import.meta.main) {
  console.log(formatHttpIngest(await benchHttpIngest({ cpuProfile: process.argv.includes('--cpu-prof') })));
}
