/**
 * Dashboard report benchmark: `buildReport` for a project of 1 000 000 links of which
 * 100 000 visited, as `/admin/<project>` builds it on every view. Beside it, the same run's
 * bare pass: scanning the links alone, the floor of any report that reads every link.
 * Run: node bench/report.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import { loadProject } from '../src/config/load.ts';
import { buildReport } from '../src/crm/report.ts';
import { createLocalStorage } from '../src/storage/local/index.ts';
import type { LinkRecord, Storage } from '../src/storage/types.ts';

const PROJECT = 'new-year-traditions';
const LINKS = 1_000_000;
/** Every tenth link visited: a campaign that went well. */
const VISITOR_EVERY = 10;
const RUNS = 3;

export interface ReportBenchResult {
  links: number;
  visitors: number;
  /** Each run of `buildReport`, from a store that already holds the links. */
  reportSeconds: number[];
  /** A scan of every link and nothing else, in the same runs. */
  bareScanSeconds: number[];
}

export async function benchReport(): Promise<ReportBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rekindle-report-bench-'));
  try {
    const visitors = await fillProject(dataDir);
    const project = await loadProject(fileURLToPath(new URL(`../projects/${PROJECT}`, import.meta.url)));
    const storage = await createLocalStorage({ dataDir });
    const reportSeconds: number[] = [];
    const bareScanSeconds: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        bareScanSeconds.push(await timeSeconds(() => scanAll(storage)));
        reportSeconds.push(await timeSeconds(() => buildReport({ project, storage, now: new Date() })));
      }
    } finally {
      await storage.close();
    }
    return { links: LINKS, visitors, reportSeconds, bareScanSeconds };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The links, and a visit from every tenth of them. */
async function fillProject(dataDir: string): Promise<number> {
  const storage = await createLocalStorage({ dataDir });
  try {
    const importedAt = new Date(Date.now() - 86_400_000).toISOString();
    const links: LinkRecord[] = Array.from({ length: LINKS }, (_, index) => ({
      project: PROJECT,
      token: nanoid(21),
      customerId: `customer-${index}`,
      name: 'Анна',
      segment: index % 2 === 0 ? 'churned' : 'at-risk',
      spend: index % 60_000,
      group: index % 10 === 0 ? 'control' : 'target',
      importedAt,
    }));
    await storage.links.add(PROJECT, links);
    const visitors = links.filter((_, index) => index % VISITOR_EVERY === 1);
    const at = new Date().toISOString();
    await Promise.all(visitors.map((link) => storage.events.append({ project: PROJECT, type: 'visit', player: `link:${link.token}`, at })));
    return visitors.length;
  } finally {
    await storage.close();
  }
}

async function scanAll(storage: Storage): Promise<void> {
  for await (const link of storage.links.scan(PROJECT)) if (link.token === '') throw new Error('a link without a token');
}

async function timeSeconds(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return Number(((performance.now() - started) / 1000).toFixed(2));
}

if (import.meta.main) {
  const result = await benchReport();
  for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(18)}  ${Array.isArray(value) ? value.join(', ') : value}`);
}
