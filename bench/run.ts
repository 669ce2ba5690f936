/**
 * `npm run bench [-- <bench>… ] [--cpu-prof]`: runs every bench (or only those named) one after
 * another, prints a table per bench and writes every figure with the machine's state to
 * bench/out/<date>.json, so runs on different days and machines can be compared.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage, machineInfo } from './lib/machine.ts';
import { formatFigures, formatTable } from './lib/table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'bench/out');

interface RunOptions {
  cpuProfile: boolean;
}

interface Bench {
  summary: string;
  /** Runs the bench and returns its figures as JSON plus the tables to print. */
  run(options: RunOptions): Promise<{ figures: unknown; tables: string }>;
}

/** Loaded on demand: a run of one bench does not pay for (or fail on) the others' modules. */
const BENCHES: Record<string, Bench> = {
  storage: {
    summary: '1 000 000 links added, random lookups, concurrent event appends vs the raw log',
    async run() {
      const { benchStorage } = await import('./storage.ts');
      const figures = await benchStorage();
      return { figures, tables: formatFigures('Storage', figures) };
    },
  },
  import: {
    summary: '`rekindle links import` of a 1 000 000-row customer file: time and peak memory',
    async run() {
      const { benchImport } = await import('./import.ts');
      const figures = await benchImport();
      return { figures, tables: formatFigures('Customer import', { ...figures }) };
    },
  },
  report: {
    summary: 'the dashboard report of a project with 1 000 000 links and 100 000 visitors, vs a bare scan of its links',
    async run() {
      const { benchReport } = await import('./report.ts');
      const figures = await benchReport();
      const rows = figures.reportSeconds.map((seconds, run) => ({
        run: run + 1,
        'report s': seconds,
        'bare scan s': figures.bareScanSeconds[run] ?? '',
      }));
      return { figures, tables: formatTable(`Dashboard report (${figures.links} links, ${figures.visitors} visitors)`, rows) };
    },
  },
  share: {
    summary: 'share image renders, cold and cached, vs a one-line satori + sharp card',
    async run() {
      const { benchShare } = await import('./share.ts');
      const figures = await benchShare();
      const rows = figures.map(({ name, runs, p50, p99 }) => ({ case: name, runs, 'p50 ms': p50, 'p99 ms': p99 }));
      return { figures, tables: formatTable('Share images', rows) };
    },
  },
  lighthouse: {
    summary: 'Lighthouse mobile performance of every page type (REKINDLE_BENCH_BASELINE=<built checkout> audits it beside)',
    async run() {
      const { benchLighthouse, lighthouseRows } = await import('./lighthouse.ts');
      const figures = await benchLighthouse();
      return { figures, tables: formatTable('Lighthouse (mobile, simulated throttling)', lighthouseRows(figures)) };
    },
  },
  postgres: {
    summary: 'the PostgreSQL store: 1 000 000-link import, byToken, report, acknowledged event ingestion, each vs the bare driver',
    async run() {
      const { benchPostgres } = await import('./postgres.ts');
      const figures = await benchPostgres();
      return { figures, tables: formatFigures('PostgreSQL store', figures) };
    },
  },
  blast: {
    summary: 'a mailing blast: concurrent players each playing a personal link through, on 1 000 000 links',
    async run(options) {
      const { benchBlast, formatBlast } = await import('./blast.ts');
      const figures = await benchBlast({ cpuProfile: options.cpuProfile });
      return { figures, tables: formatBlast(figures) };
    },
  },
  http: {
    summary: 'visit events through the built server with 1 000 000 links, vs node:http and Astro baselines',
    async run(options) {
      const { benchHttpIngest, formatHttpIngest } = await import('./http-ingest.ts');
      const figures = await benchHttpIngest({ cpuProfile: options.cpuProfile });
      return { figures, tables: formatHttpIngest(figures) };
    },
  },
};

const USAGE = [
  'usage: npm run bench [-- <bench>…] [--cpu-prof]',
  '',
  'Benches (all of them, in this order, when none is named):',
  ...Object.entries(BENCHES).map(([name, bench]) => `  ${name.padEnd(8)} ${bench.summary}`),
  '',
  '--cpu-prof  also profile the Astro servers of the http and blast benches and show where their CPU time goes',
].join('\n');

interface BenchOutcome {
  seconds: number;
  loadAverageBefore: number[];
  figures?: unknown;
  error?: string;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options: RunOptions = { cpuProfile: args.includes('--cpu-prof') };
  const unknownFlags = args.filter((arg) => arg.startsWith('-') && arg !== '--cpu-prof');
  const named = args.filter((arg) => !arg.startsWith('-'));
  const unknownNames = named.filter((name) => !Object.hasOwn(BENCHES, name));
  if (unknownFlags.length > 0 || unknownNames.length > 0) {
    console.error(
      `unknown bench or option: ${[...unknownNames, ...unknownFlags].join(', ')}; expected one of: ${Object.keys(BENCHES).join(', ')}, --cpu-prof\n\n${USAGE}`,
    );
    return 2;
  }

  const machine = machineInfo(ROOT);
  console.log(`${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')}\n`);
  const outcomes: Record<string, BenchOutcome> = {};
  for (const name of named.length > 0 ? named : Object.keys(BENCHES)) {
    outcomes[name] = await runBench(name, BENCHES[name]!, options);
  }

  const file = join(OUT_DIR, `${machine.date.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(file, `${JSON.stringify({ machine, benches: outcomes }, null, 2)}\n`);
  console.log(`Figures written to ${file}`);
  return Object.values(outcomes).some((outcome) => outcome.error !== undefined) ? 1 : 0;
}

/** A failing bench is reported and recorded; the ones after it still run. */
async function runBench(name: string, bench: Bench, options: RunOptions): Promise<BenchOutcome> {
  console.log(`▶ ${name}: ${bench.summary}…`);
  const loadAverageBefore = loadAverage();
  const started = performance.now();
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(1));
  try {
    const { figures, tables } = await bench.run(options);
    console.log(`${tables}\n(${name}: ${seconds()} s)\n`);
    return { seconds: seconds(), loadAverageBefore, figures };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`bench ${name} failed after ${seconds()} s: ${message}\n`);
    return { seconds: seconds(), loadAverageBefore, error: message };
  }
}

process.exitCode = await main(process.argv.slice(2));
