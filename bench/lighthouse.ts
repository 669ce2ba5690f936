/**
 * Lighthouse (mobile, simulated throttling) on every page type of the built server: the front
 * door, a quiz and a greeting-card play page and a share page (Lighthouse refuses to audit a 404,
 * and the not-found page is the front door's layout without its list). Debian's
 * Chromium, offline. With REKINDLE_BENCH_BASELINE=<another built checkout>, the same pages of that
 * checkout's server are audited in the same run, page by page in turn, so both see the same load.
 * Goal: performance ≥ 95 on every page, LCP ≤ 2.0 s on the share page.
 * Run alone: node bench/lighthouse.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { BENCH_SESSION_SECRET } from './http-ingest.ts';
import { ensureFreshBuild } from './lib/astro-build.ts';
import { startServer, type ServerProcess } from './lib/server-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
/** Lighthouse's score moves by a few points run to run; the median of these is reported. */
const RUNS = 3;
const QUIZ = 'new-year-traditions';
const CARDS = 'march-8-greetings';

export const LIGHTHOUSE_GOAL = { performance: 95, shareLcpMs: 2000 };

export interface PageAudit {
  page: string;
  build: string;
  /** Medians over RUNS. */
  performance: number;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  tbtMs: number;
  /** Bytes over the wire (compressed), from the last run. */
  totalKiB: number;
  fontKiB: number;
  imageKiB: number;
  scriptKiB: number;
  unusedScriptKiB: number;
}

export async function benchLighthouse(): Promise<PageAudit[]> {
  const builds = [{ name: 'this', root: ROOT }];
  const baseline = process.env.REKINDLE_BENCH_BASELINE;
  if (baseline) builds.push({ name: 'baseline', root: resolve(baseline) });
  for (const build of builds) await ensureFreshBuild(build.root);
  const dataRoot = await mkdtemp(join(tmpdir(), 'rekindle-lighthouse-'));
  const servers: { name: string; server: ServerProcess; pages: Record<string, string> }[] = [];
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  try {
    for (const build of builds) {
      const server = await startRekindle(build.root, join(dataRoot, build.name));
      servers.push({ name: build.name, server, pages: await pagesOf(server.origin) });
    }
    const audits: PageAudit[] = [];
    for (const page of Object.keys(servers[0]?.pages ?? {})) {
      const runs = new Map<string, PageAudit[]>(servers.map(({ name }) => [name, []]));
      for (let run = 0; run < RUNS; run++) {
        for (const { name, pages } of servers) runs.get(name)?.push(await audit(chrome.port, page, name, pages[page] ?? ''));
      }
      for (const { name } of servers) audits.push(median(runs.get(name) ?? []));
    }
    return audits;
  } finally {
    chrome.kill();
    await Promise.allSettled(servers.map(({ server }) => server.stop()));
    await rm(dataRoot, { recursive: true, force: true });
  }
}

function startRekindle(root: string, dataDir: string): Promise<ServerProcess> {
  return startServer({
    label: `the Rekindle server of ${root}`,
    script: join(root, 'src/server/node-server.ts'),
    cwd: root,
    env: { REKINDLE_DATA_DIR: dataDir, REKINDLE_SESSION_SECRET: BENCH_SESSION_SECRET, REKINDLE_PROJECTS_DIR: join(ROOT, 'projects') },
    readyPath: '/api/health',
    readyStatus: 200,
  });
}

/** The URL of each page type; the share page comes from a quiz played through over HTTP. */
async function pagesOf(origin: string): Promise<Record<string, string>> {
  const shareUrl = await playAndShare(origin, QUIZ);
  // A first visit draws the share image; the audit measures a page whose image is cached, as a friend sees it.
  await fetch(`${origin}/s/${shareUrl.split('/s/')[1]}/og.png`);
  return {
    'front door /': `${origin}/`,
    'quiz play page': `${origin}/${QUIZ}`,
    'card play page': `${origin}/${CARDS}`,
    'share page': shareUrl,
  };
}

async function playAndShare(origin: string, slug: string): Promise<string> {
  const page = await fetch(`${origin}/${slug}`);
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  const post = async (path: string, body: unknown) => {
    const answer = await fetch(`${origin}/api/${slug}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`POST /api/${slug}/${path} answered ${answer.status}: ${await answer.text()}`);
    return answer.json() as Promise<{ completed?: boolean; view?: { current?: { index: number } }; url?: string }>;
  };
  let status = await post('start', {});
  while (!status.completed) {
    const question = status.view?.current?.index;
    if (question === undefined) throw new Error(`the ${slug} quiz is neither complete nor asking a question`);
    status = await post('play', { action: { type: 'answer', question, answer: true } });
  }
  const share = await post('share', {});
  if (!share.url) throw new Error('the share answer has no url');
  return `${origin}${new URL(share.url).pathname}`;
}

async function audit(port: number, page: string, build: string, url: string): Promise<PageAudit> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], formFactor: 'mobile' });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { audits, categories } = result.lhr;
  const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const items = (id: string) => (audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
  const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const byType = (type: string) =>
    kib(
      items('resource-summary')
        .filter((item) => item.resourceType === type)
        .reduce((sum, item) => sum + Number(item.transferSize ?? 0), 0),
    );
  return {
    page,
    build,
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    lcpMs: Math.round(numeric('largest-contentful-paint')),
    fcpMs: Math.round(numeric('first-contentful-paint')),
    cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
    tbtMs: Math.round(numeric('total-blocking-time')),
    totalKiB: kib(numeric('total-byte-weight')),
    fontKiB: byType('font'),
    imageKiB: byType('image'),
    scriptKiB: byType('script'),
    unusedScriptKiB: kib(items('unused-javascript').reduce((sum, item) => sum + Number(item.wastedBytes ?? 0), 0)),
  };
}

/** The run with the median performance score, so its figures belong together. */
function median(runs: PageAudit[]): PageAudit {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.lcpMs - b.lcpMs);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no Lighthouse run');
  return middle;
}

export function lighthouseRows(audits: PageAudit[]): Record<string, string | number>[] {
  return audits.map((audit) => ({
    page: audit.page,
    build: audit.build,
    perf: audit.performance,
    'LCP ms': audit.lcpMs,
    'FCP ms': audit.fcpMs,
    CLS: audit.cls,
    'TBT ms': audit.tbtMs,
    'total KiB': audit.totalKiB,
    'font KiB': audit.fontKiB,
    'img KiB': audit.imageKiB,
    'JS KiB': audit.scriptKiB,
    'unused JS KiB': audit.unusedScriptKiB,
  }));
}

if (import.meta.main) {
  const audits = await benchLighthouse();
  console.table(lighthouseRows(audits));
}
