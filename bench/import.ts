/**
 * Customer import benchmark: a 1 000 000-row Russian-style export (semicolons, BOM, CRLF,
 * «12 345,50» spends, Cyrillic names, three segments) imported by `rekindle links import` into
 * a fresh data dir, then imported again into the now full project (every customer already has
 * a link, so nothing new is written: the cost is reading the file and looking links up). Each
 * import runs in a child process so its peak RSS is its own, not this script's (which holds
 * nothing but the file name). Goal: ≤ 10 s and < 500 MB. Beside it, the same run times a bare
 * pass of the import's CSV parser over the same file (records counted, nothing else): the floor
 * any import with this parser has on this machine at this moment, so the ratio holds when the
 * machine is slow or busy.
 * Run: node bench/import.ts
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import Papa from 'papaparse';
import { StringDecoder } from 'node:string_decoder';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { main } from '../src/cli/main.ts';
import { createLocalStorage } from '../src/storage/local/index.ts';

const ROWS = 1_000_000;
/** An example project of the repository; the import needs its controlShare and tiers. */
const PROJECT = 'new-year-traditions';
const SEGMENTS = ['churned', 'at-risk', 'sleeping'];
const CHILD_FLAG = '--child';
const BARE_PARSE_FLAG = '--bare-parse';

export interface ImportBenchResult {
  rows: number;
  csvMegabytes: number;
  /** The import itself, from the command's start to its exit code. */
  importSeconds: number;
  /** Child process start to exit, including Node start-up and module loading. */
  wallSeconds: number;
  peakRssMegabytes: number;
  exitCode: number;
  /** The same file imported again into the project the first import filled. */
  reimportSeconds: number;
  reimportPeakRssMegabytes: number;
  reimportExitCode: number;
  /** Links of the project after the re-import: `rows` when it rightly added none. */
  linksAfterReimport: number;
  /** The import's CSV parser alone over the same file, in a child process of the same run. */
  bareParseSeconds: number;
  importToBareParse: number;
}

export async function benchImport(rows = ROWS): Promise<ImportBenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'rekindle-import-bench-'));
  try {
    const csv = join(root, 'customers.csv');
    const dataDir = join(root, 'data');
    await writeCustomers(csv, rows);
    const importArgs = ['links', 'import', PROJECT, csv, '--out', join(root, 'mail.csv')];
    const started = performance.now();
    const first = await runCliChild(importArgs, dataDir);
    const wallSeconds = (performance.now() - started) / 1000;
    const again = await runCliChild(importArgs, dataDir);
    const bare = await runCliChild([BARE_PARSE_FLAG, csv], dataDir);
    return {
      rows,
      csvMegabytes: round((await stat(csv)).size / 1e6, 1),
      importSeconds: round(first.seconds, 2),
      wallSeconds: round(wallSeconds, 2),
      peakRssMegabytes: round(first.maxRssKilobytes / 1024, 0),
      exitCode: first.exitCode,
      reimportSeconds: round(again.seconds, 2),
      reimportPeakRssMegabytes: round(again.maxRssKilobytes / 1024, 0),
      reimportExitCode: again.exitCode,
      linksAfterReimport: await countLinks(dataDir),
      bareParseSeconds: round(bare.seconds, 2),
      importToBareParse: round(first.seconds / bare.seconds, 2),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function countLinks(dataDir: string): Promise<number> {
  const storage = await createLocalStorage({ dataDir });
  try {
    return await storage.links.count(PROJECT);
  } finally {
    await storage.close();
  }
}

/** A Russian-style CRM export of `rows` customers, synced to disk; the blast bench mails it too. */
export async function writeCustomers(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '\uFEFFID клиента;Имя;E-mail;Телефон;Сегмент;Сумма покупок\r\n';
  for (let index = 0; index < rows; index++) {
    const spend = (index * 7919) % 120_000;
    const spendText = `${Math.floor(spend / 1000)} ${String(spend % 1000).padStart(3, '0')},50`;
    chunk += `C${index};Покупатель ${index};buyer${index}@example.ru;+7900${String(index).padStart(7, '0')};${SEGMENTS[index % SEGMENTS.length]};"${spendText}"\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  // On disk before the clock starts, as an export the CRM wrote earlier would be: otherwise the
  // import would be timed flushing the 93 MB this just wrote, alongside its own writes.
  const written = await open(path, 'r');
  await written.sync();
  await written.close();
}

export interface ChildResult {
  exitCode: number;
  seconds: number;
  maxRssKilobytes: number;
}

/** `rekindle <args>` in a child process with its own data dir, timed, with its peak RSS. */
export function runCliChild(args: string[], dataDir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, CHILD_FLAG, ...args], {
      env: { ...process.env, REKINDLE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as ChildResult);
      } catch {
        reject(new Error(`the import child printed no result; its output was:\n${stdout}`));
      }
    });
  });
}

/** In the child: run the CLI as `npm run links` would, then report time and peak RSS as JSON. */
async function childMain(args: string[]): Promise<void> {
  const started = performance.now();
  const log = console.log;
  console.log = () => {};
  const exitCode = args[0] === BARE_PARSE_FLAG ? await bareParse(args[1] ?? '') : await main(args);
  console.log = log;
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ exitCode, seconds, maxRssKilobytes: process.resourceUsage().maxRSS }));
}

/** The parser's own cost: the import's parser and chunks, every record dropped as it comes. */
async function bareParse(file: string): Promise<number> {
  const parser = new Papa.Parser({ delimiter: ';', newline: '\n' });
  const decoder = new StringDecoder('utf8');
  let records = 0;
  let unparsed = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    const text = unparsed + decoder.write(chunk);
    const { data, meta } = parser.parse(text, 0, true) as Papa.ParseResult<string[]>;
    records += data.length;
    unparsed = text.slice(meta.cursor);
  }
  records += (parser.parse(unparsed + decoder.end(), 0, false) as Papa.ParseResult<string[]>).data.length;
  return records > 0 ? 0 : 1;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (import.meta.main) {
  if (process.argv[2] === CHILD_FLAG) {
    await childMain(process.argv.slice(3));
  } else {
    const result = await benchImport();
    const width = Math.max(...Object.keys(result).map((key) => key.length));
    for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(width)}  ${value}`);
  }
}
