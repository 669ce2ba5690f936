/**
 * A mailing blast: a 1 000 000-row customer file imported as the import bench makes it, then
 * concurrent simulated players each taking a link of the mail-merge file and playing it through
 * the built production server: personal page, visit beacon, start, every answer, gift, share and
 * og.png. Reported: full plays/s, p50/p99 per step and the server's CPU per play; beside it, in
 * the same run and with as many connections, a bare node:http server, Astro's GET /api/health,
 * personal pages alone and the front door `/`, so the ratios hold on a busy machine. Afterwards
 * every acknowledged event must be on disk. Goal: ≥ 150 plays/s with p99 ≤ 100 ms at every step.
 * Run alone: node bench/blast.ts [--cpu-prof]   (profiles the server under the blast and pages)
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { createStorage } from '../src/storage/index.ts';
import type { TrackedEvent } from '../src/storage/types.ts';
import { measuredLoad, PHONE_USER_AGENT, profileSubdir, startRekindleServer, withServer, type RunFigures } from './http-ingest.ts';
import { runCliChild, writeCustomers } from './import.ts';
import { ensureFreshBuild, type BuildState } from './lib/astro-build.ts';
import { BLAST_STEPS, runBlastPlayers, type BlastResult, type BlastStep } from './lib/blast-players.ts';
import { formatProfileSummary, summariseProfile, type CpuProfile, type ProfileSummary } from './lib/cpu-profile.ts';
import type { LoadSpec } from './lib/load-generator.ts';
import { loadAverage } from './lib/machine.ts';
import { type ServerProcess, startServer } from './lib/server-process.ts';
import { percentOf, round } from './lib/stats.ts';
import { formatFigures, formatTable } from './lib/table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The quiz example: the longest play of the examples (start, six answers, gift, share). */
const PROJECT = 'new-year-traditions';
const CUSTOMERS = 1_000_000;
/** Links handed to the players, at random from the mail-merge file: a blast's clicks spread over every shard. */
const LINKS_PLAYED = 40_000;
const PLAYERS = 32;
const WARMUP_SECONDS = 3;
const DURATION_SECONDS = 15;
const TIMEOUT_MS = 5_000;

export const BLAST_GOAL = { playsPerSecond: 150, stepP99Ms: 100 };

/** The event each acknowledged step must have left on disk. */
const EVENT_OF_STEP: Partial<Record<BlastStep, TrackedEvent['type']>> = {
  visit: 'visit',
  start: 'start',
  answer: 'answer',
  gift: 'gift-open',
  share: 'share-create',
};

export interface BlastBenchResult {
  customers: number;
  importSeconds: number;
  build: BuildState;
  players: number;
  warmupSeconds: number;
  durationSeconds: number;
  bareNode: RunFigures;
  astroHealth: RunFigures;
  personalPage: RunFigures;
  frontDoor: RunFigures;
  blast: BlastResult & { serverCpuMillisecondsPerPlay?: number; serverBusyPercent?: number };
  durability: { step: BlastStep; acknowledged: number; onDisk: number; ok: boolean }[];
  verdict: 'meets the goal' | 'below the goal';
  loadAverageAfter: number[];
  profiles?: { dir: string; blast?: ProfileSummary; personalPage?: ProfileSummary };
}

export async function benchBlast(options: { cpuProfile?: boolean } = {}): Promise<BlastBenchResult> {
  const build = await ensureFreshBuild(ROOT);
  const root = await mkdtemp(join(tmpdir(), 'rekindle-blast-bench-'));
  try {
    const dataDir = join(root, 'data');
    const { linksFile, importSeconds } = await mailedLinks(root, dataDir);
    const profileDir = options.cpuProfile
      ? join(ROOT, 'bench/out/profiles', `blast-${new Date().toISOString().replaceAll(':', '-')}`)
      : undefined;
    const load = (url: string, overrides: Partial<LoadSpec> = {}): LoadSpec => ({
      url,
      method: 'GET',
      headers: { 'User-Agent': PHONE_USER_AGENT },
      expectedStatus: 200,
      connections: PLAYERS,
      warmupSeconds: 2,
      durationSeconds: 8,
      maxRequests: 1_000_000,
      timeoutMs: TIMEOUT_MS,
      ...overrides,
    });

    const bareNode = await withServer(
      startServer({ label: 'the bare node:http server', script: join(ROOT, 'bench/lib/bare-server.ts'), readyPath: '/', readyStatus: 204 }),
      (server) => measuredLoad(server, load(`${server.origin}/`, { expectedStatus: 204 })),
    );
    const [astroHealth, frontDoor] = await withServer(startRekindleServer(dataDir, undefined), async (server) => [
      await measuredLoad(server, load(`${server.origin}/api/health`)),
      await warmedUp(`${server.origin}/`, () => measuredLoad(server, load(`${server.origin}/`))),
    ]);
    // Pages of links the blast will not play, so the blast's players all start afresh.
    const links = (await readFile(linksFile, 'utf8')).split('\n');
    const pagesFile = join(root, 'pages.txt');
    await writeFile(pagesFile, links.slice(LINKS_PLAYED / 2 + 1).join('\n'));
    const personalPage = await withServer(startRekindleServer(dataDir, await profileSubdir(profileDir, 'page')), (server) =>
      warmedUp(`${server.origin}${links[LINKS_PLAYED / 2]}`, async () => {
        await settled(server);
        return measuredLoad(server, load(`${server.origin}/${PROJECT}`, { pathsFile: pagesFile }));
      }),
    );
    const playFile = join(root, 'play.txt');
    await writeFile(
      playFile,
      (await readFile(linksFile, 'utf8'))
        .split('\n')
        .slice(0, LINKS_PLAYED / 2)
        .join('\n'),
    );
    const blast = await withServer(startRekindleServer(dataDir, await profileSubdir(profileDir, 'blast')), async (server) => {
      await warmedUp(`${server.origin}${links[LINKS_PLAYED / 2]}`, () => settled(server));
      const cpuBefore = await server.cpuSeconds();
      const started = performance.now();
      const result = await runBlastPlayers({
        origin: server.origin,
        slug: PROJECT,
        linksFile: playFile,
        players: PLAYERS,
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: DURATION_SECONDS,
        timeoutMs: TIMEOUT_MS,
        userAgent: PHONE_USER_AGENT,
      });
      const wallSeconds = (performance.now() - started) / 1000;
      const cpuAfter = await server.cpuSeconds();
      const finishedPlays = result.acknowledged['og.png'];
      if (cpuBefore === undefined || cpuAfter === undefined || finishedPlays === 0) return result;
      return {
        ...result,
        serverCpuMillisecondsPerPlay: round(((cpuAfter - cpuBefore) * 1000) / finishedPlays, 2),
        serverBusyPercent: Math.round(((cpuAfter - cpuBefore) / wallSeconds) * 100),
      };
    });

    return {
      customers: CUSTOMERS,
      importSeconds: round(importSeconds, 1),
      build,
      players: PLAYERS,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds: DURATION_SECONDS,
      bareNode,
      astroHealth,
      personalPage,
      frontDoor,
      blast,
      durability: await durability(dataDir, blast),
      verdict: meetsGoal(blast) ? 'meets the goal' : 'below the goal',
      loadAverageAfter: loadAverage(),
      ...(profileDir ? { profiles: await summariseProfiles(profileDir) } : {}),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * One request before `measure`: Astro loads a page's modules on its first request, which on a
 * busy machine can take longer than the load's time-out, failing every connection at once.
 */
async function warmedUp<T>(url: string, measure: () => Promise<T>): Promise<T> {
  const response = await fetch(url, { headers: { 'User-Agent': PHONE_USER_AGENT }, signal: AbortSignal.timeout(60_000) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status} before the load`);
  return measure();
}

/**
 * Waits until the server has used under a tenth of a core for a whole second: its first personal
 * link starts indexing every link shard in the background (about 2 s for a million links), a
 * one-time cost of a server's life that would otherwise be billed to the first seconds of load.
 */
async function settled(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let previous = await server.cpuSeconds();
  while (previous !== undefined && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await server.cpuSeconds();
    if (now === undefined || now - previous < 0.1) return;
    previous = now;
  }
}

function meetsGoal(blast: BlastResult): boolean {
  return blast.playsPerSecond >= BLAST_GOAL.playsPerSecond && BLAST_STEPS.every((step) => blast.steps[step].p99 <= BLAST_GOAL.stepP99Ms);
}

/**
 * Imports the customer file of the import bench with `rekindle links import`, and returns a file
 * of personal link paths taken at random from the mail-merge file it writes.
 */
async function mailedLinks(root: string, dataDir: string): Promise<{ linksFile: string; importSeconds: number }> {
  const customers = join(root, 'customers.csv');
  const mailMerge = join(root, 'mail.csv');
  await writeCustomers(customers, CUSTOMERS);
  const imported = await runCliChild(['links', 'import', PROJECT, customers, '--out', mailMerge], dataDir);
  if (imported.exitCode !== 0) throw new Error(`rekindle links import exited with code ${imported.exitCode}`);
  await rm(customers);
  const { data: rows } = Papa.parse<{ url: string }>((await readFile(mailMerge, 'utf8')).replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  const paths = rows.map((row) => {
    const url = new URL(row.url);
    return url.pathname + url.search;
  });
  for (let index = paths.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [paths[index], paths[other]] = [paths[other]!, paths[index]!];
  }
  const linksFile = join(root, 'links.txt');
  await writeFile(linksFile, paths.slice(0, LINKS_PLAYED).join('\n'));
  return { linksFile, importSeconds: imported.seconds };
}

/** Events on disk, read by a fresh store after the server stopped: what a crash would have left. */
async function durability(dataDir: string, blast: BlastResult): Promise<BlastBenchResult['durability']> {
  const onDisk = new Map<string, number>();
  const storage = await createStorage({ dataDir });
  try {
    for await (const event of storage.events.scan(PROJECT)) onDisk.set(event.type, (onDisk.get(event.type) ?? 0) + 1);
  } finally {
    await storage.close();
  }
  return Object.entries(EVENT_OF_STEP).map(([step, type]) => {
    const acknowledged = blast.acknowledged[step as BlastStep];
    const found = onDisk.get(type) ?? 0;
    return { step: step as BlastStep, acknowledged, onDisk: found, ok: found >= acknowledged };
  });
}

async function summariseProfiles(dir: string): Promise<NonNullable<BlastBenchResult['profiles']>> {
  const summaryIn = async (server: string) => {
    const [file] = (await readdir(join(dir, server))).filter((name) => name.endsWith('.cpuprofile'));
    return file ? summariseProfile(JSON.parse(await readFile(join(dir, server, file), 'utf8')) as CpuProfile) : undefined;
  };
  return { dir, blast: await summaryIn('blast'), personalPage: await summaryIn('page') };
}

export function formatBlast(result: BlastBenchResult): string {
  const { bareNode, astroHealth, blast } = result;
  const baseline = (name: string, run: RunFigures) => ({
    run: name,
    'req/s': run.perSecond,
    '% of node:http': percentOf(run.perSecond, bareNode.perSecond),
    '% of /api/health': percentOf(run.perSecond, astroHealth.perSecond),
    'p50 ms': run.p50,
    'p99 ms': run.p99,
    'server CPU µs/req': run.serverCpuMicrosecondsPerRequest ?? '–',
    'server busy': run.serverBusyPercent === undefined ? '–' : `${run.serverBusyPercent} %`,
    'other answers / errors': `${
      Object.entries(run.statuses)
        .filter(([status]) => !['200', '204'].includes(status))
        .map(([status, count]) => `${status}×${count}`)
        .join(' ') || '–'
    } / ${run.errors}`,
  });
  const steps = BLAST_STEPS.map((step) => ({
    step,
    requests: blast.steps[step].requests,
    'p50 ms': blast.steps[step].p50,
    'p99 ms': blast.steps[step].p99,
    'max ms': blast.steps[step].max,
  }));
  const sections = [
    formatTable(`Baselines of this run (${result.players} connections, 2 s warm-up + 8 s)`, [
      baseline('node:http 204', bareNode),
      baseline('Astro GET /api/health', astroHealth),
      baseline(`GET /${PROJECT}?c=<random token> (personal page)`, result.personalPage),
      baseline('GET / (front door)', result.frontDoor),
    ]),
    formatTable(
      `Blast: ${result.players} players, ${result.warmupSeconds} s warm-up + ${result.durationSeconds} s, ${CUSTOMERS.toLocaleString('en-US').replaceAll(',', ' ')} links; per step`,
      steps,
    ),
    formatFigures('Blast verdict', {
      [`goal: ≥ ${BLAST_GOAL.playsPerSecond} plays/s, p99 ≤ ${BLAST_GOAL.stepP99Ms} ms at every step`]: result.verdict,
      'full plays/s': blast.playsPerSecond,
      'plays per hour at this rate': Math.round(blast.playsPerSecond * 3600),
      'play p50 / p99 ms (first request to og.png)': `${blast.play.p50} / ${blast.play.p99}`,
      'requests per play': round(
        BLAST_STEPS.reduce((sum, step) => sum + blast.acknowledged[step], 0) / Math.max(1, blast.acknowledged['og.png']),
        1,
      ),
      'server CPU ms per play': blast.serverCpuMillisecondsPerPlay ?? '–',
      'server busy': blast.serverBusyPercent === undefined ? '–' : `${blast.serverBusyPercent} %`,
      'failed plays': blast.failedPlays,
      ...(blast.firstFailure ? { 'first failure': blast.firstFailure.slice(0, 160) } : {}),
      ...Object.fromEntries(
        result.durability.map((check) => [
          `${check.step}: acknowledged / on disk`,
          `${check.acknowledged} / ${check.onDisk}${check.ok ? '' : '  MISSING'}`,
        ]),
      ),
      'every acknowledged event on disk': result.durability.every((check) => check.ok),
      'links import of 1 000 000 customers, s': result.importSeconds,
      'astro build, s': result.build.rebuilt ? round(result.build.seconds, 1) : 'up to date',
      'load average after (1/5/15 min)': result.loadAverageAfter.join(' / '),
    }),
  ];
  const { profiles } = result;
  if (profiles?.personalPage) sections.push(`Server under personal pages\n\n${formatProfileSummary(profiles.personalPage)}`);
  if (profiles?.blast) sections.push(`Server under the blast\n\n${formatProfileSummary(profiles.blast)}`);
  if (profiles) sections.push(`CPU profiles (open in Chrome DevTools › Performance): ${profiles.dir}`);
  return sections.join('\n\n');
}

if (import.meta.main) {
  await mkdir(join(ROOT, 'bench/out'), { recursive: true });
  console.log(formatBlast(await benchBlast({ cpuProfile: process.argv.includes('--cpu-prof') })));
}
