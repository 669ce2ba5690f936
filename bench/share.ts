/**
 * Share image timings: cold renders of a full card (og and story), cached fetches, and a bare
 * satori + sharp one-line card as the floor of what any card costs on this machine. Then the
 * cards of every example project drawn with each rasteriser (resvg, sharp's librsvg), the two
 * interleaved run by run so both see the same machine, and the PNGs of both written to
 * bench/out/share/ to be looked at. Last, where a cold card's time goes, per example card: satori's
 * layout with the SVG around it, librsvg drawing that SVG, and the PNG encoding.
 * Run: node bench/share.ts
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import satori from 'satori';
import sharp from 'sharp';
import { shareImageSchema } from '../src/config/schemas/share.ts';
import { loadProject } from '../src/config/load.ts';
import { ShareImageRenderer } from '../src/share/cache.ts';
import { cardSources, drawShareCard } from '../src/share/render.ts';
import { PNG_COMPRESSION, rasteriseWithLibrsvg, type Rasterise } from '../src/share/rasterise.ts';
import { rasteriseWithResvg } from './lib/resvg-rasteriser.ts';
import { loadFamily } from '../src/share/fonts.ts';
import { SHARE_FORMATS, type ShareFormat } from '../src/share/formats.ts';
import type { ShareContent, ShareProject } from '../src/share/types.ts';

export interface ShareBenchResult {
  name: string;
  runs: number;
  p50: number;
  p99: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const execFileAsync = promisify(execFile);
const COLD_RUNS = 40;
/** Runs per rasteriser and card in the A/B comparison. */
const AB_RUNS = 20;
const RASTERISERS = { resvg: rasteriseWithResvg, librsvg: rasteriseWithLibrsvg } satisfies Record<string, Rasterise>;
type Rasteriser = keyof typeof RASTERISERS;
const CACHED_RUNS = 2000;

const GREETING =
  'Дорогая Анна! С 8 Марта! Ты нежная и заботливая, с сильным и добрым характером. Пусть йога ' +
  'и путешествия дарят новые открытия, а семья — главное в жизни — всегда будет рядом. ' +
  'Счастья, любви и весны в душе! 🌷✨';

export async function benchShare(): Promise<ShareBenchResult[]> {
  const root = await mkdtemp(join(tmpdir(), 'rekindle-share-bench-'));
  try {
    const project = await benchProject(join(root, 'project'));
    const renderer = new ShareImageRenderer({ cacheDir: join(root, 'cache') });
    const results: ShareBenchResult[] = [];
    results.push(await benchFirstCard());
    for (const format of ['og', 'story'] as const) {
      results.push(await benchBaseline(format));
      results.push(await benchCold(renderer, project, format, (run) => quizContent(run), 'quiz card'));
      results.push(await benchCold(renderer, project, format, (run) => greetingContent(run), 'greeting card'));
      results.push(await benchCached(renderer, project, format));
    }
    const examples = await exampleProjects();
    for (const example of examples) {
      for (const format of ['og', 'story'] as const) results.push(...(await benchRasterisers(example, format)));
    }
    for (const example of examples) {
      for (const format of ['og', 'story'] as const) results.push(...(await benchStages(example, format)));
    }
    return results;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const FIRST_CARD_RUNS = 5;

/** A server's first card after a start: fonts, satori and sharp loaded, then one card drawn. */
async function benchFirstCard(): Promise<ShareBenchResult> {
  const times: number[] = [];
  for (let run = 0; run < FIRST_CARD_RUNS; run++) {
    const { stdout } = await execFileAsync(process.execPath, [join(ROOT, 'bench/lib/first-card.ts')]);
    times.push(Number(stdout.trim()));
  }
  return summarise('first og card in a fresh process', times);
}

/** Score, title with an emoji, a line of text, kicker and logo: what a quiz result shows. */
function quizContent(run: number): ShareContent {
  return {
    title: `Я угадала ${run % 7} из 6 традиций! 🎄`,
    text: `Анна, 2020 — «ёлка»! Попытка №${run}`,
    score: { value: run % 7, of: 6 },
  };
}

/** A whole ~260-character generated greeting. */
function greetingContent(run: number): ShareContent {
  return { title: `Открытка для Анны №${run}`, text: GREETING };
}

async function exampleProjects(): Promise<ShareProject[]> {
  const folders = (await readdir(join(ROOT, 'projects'), { withFileTypes: true })).filter((entry) => entry.isDirectory());
  return Promise.all(folders.map((folder) => loadProject(join(ROOT, 'projects', folder.name))));
}

/** What a finished play of the project shares: a quiz's score, or a whole greeting with its picture. */
function exampleContent(project: ShareProject, run: number): ShareContent {
  const config = project.config as ShareProject['config'] & { kind?: string; templates?: { image?: string }[] };
  if (config.kind === 'card-generator')
    return { ...greetingContent(run), image: config.templates?.find((template) => template.image)?.image };
  return quizContent(run);
}

/**
 * Cold draws of one project's card with each rasteriser, alternating run by run; writes the last
 * PNG of each to bench/out/share/ for a visual comparison.
 */
async function benchRasterisers(project: ShareProject, format: ShareFormat): Promise<ShareBenchResult[]> {
  const sources = await cardSources({ project, content: exampleContent(project, 0), format });
  const names = Object.keys(RASTERISERS) as Rasteriser[];
  const times = new Map<Rasteriser, number[]>(names.map((rasteriser) => [rasteriser, []]));
  const lastPng = new Map<Rasteriser, Buffer>();
  for (let run = -2; run < AB_RUNS; run++) {
    for (const rasteriser of names) {
      const request = { project, content: exampleContent(project, run + 7), format };
      const started = performance.now();
      const png = await drawShareCard(request, sources, RASTERISERS[rasteriser]);
      if (run >= 0) times.get(rasteriser)?.push(performance.now() - started);
      lastPng.set(rasteriser, png);
    }
  }
  const outDir = join(ROOT, 'bench/out/share');
  await mkdir(outDir, { recursive: true });
  for (const [rasteriser, png] of lastPng) await writeFile(join(outDir, `${project.slug}-${format}-${rasteriser}.png`), png);
  return names.map((rasteriser) => summarise(`cold ${project.slug} ${format} · ${rasteriser}`, times.get(rasteriser) ?? []));
}

/**
 * One cold card split into its stages, each timed alone on the same card: the SVG (satori and the
 * pictures around it), librsvg drawing it to pixels, and the PNG encoding of those pixels.
 */
async function benchStages(project: ShareProject, format: ShareFormat): Promise<ShareBenchResult[]> {
  const sources = await cardSources({ project, content: exampleContent(project, 0), format });
  const stages = { svg: [] as number[], draw: [] as number[], encode: [] as number[] };
  let svg = '';
  const keepSvg: Rasterise = async (drawn) => {
    svg = drawn;
    return Buffer.alloc(0);
  };
  for (let run = -2; run < AB_RUNS; run++) {
    const request = { project, content: exampleContent(project, run + 7), format };
    let started = performance.now();
    await drawShareCard(request, sources, keepSvg);
    const svgMs = performance.now() - started;
    started = performance.now();
    const { data, info } = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
    const drawMs = performance.now() - started;
    started = performance.now();
    await sharp(data, { raw: info }).png({ compressionLevel: PNG_COMPRESSION }).toBuffer();
    const encodeMs = performance.now() - started;
    if (run < 0) continue;
    stages.svg.push(svgMs);
    stages.draw.push(drawMs);
    stages.encode.push(encodeMs);
  }
  const kib = Math.round(Buffer.byteLength(svg) / 1024);
  return [
    summarise(`stage ${project.slug} ${format} · satori + SVG (${kib} KiB)`, stages.svg),
    summarise(`stage ${project.slug} ${format} · librsvg draw`, stages.draw),
    summarise(`stage ${project.slug} ${format} · PNG encode`, stages.encode),
  ];
}

async function benchProject(dir: string): Promise<ShareProject> {
  await mkdir(join(dir, 'assets'), { recursive: true });
  await sharp({ create: { width: 480, height: 160, channels: 4, background: '#e30613' } })
    .png()
    .toFile(join(dir, 'assets', 'logo.png'));
  return {
    slug: 'bench',
    dir,
    config: {
      locale: 'ru',
      branding: { brandName: 'Hoff', colors: { primary: '#e30613', onPrimary: '#ffffff' }, logo: 'assets/logo.png', font: 'pt-sans' },
      share: { image: shareImageSchema.parse({ kicker: 'Новогодние традиции · Hoff' }) },
    },
  };
}

async function benchCold(
  renderer: ShareImageRenderer,
  project: ShareProject,
  format: ShareFormat,
  content: (run: number) => ShareContent,
  label: string,
): Promise<ShareBenchResult> {
  // Warm-up: fonts, emoji, logo and background are prepared once per process, not per card.
  await renderer.render({ project, content: content(COLD_RUNS), format });
  const times: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const request = { project, content: content(run), format };
    const started = performance.now();
    await renderer.render(request);
    times.push(performance.now() - started);
  }
  return summarise(`cold ${label} ${format}`, times);
}

async function benchCached(renderer: ShareImageRenderer, project: ShareProject, format: ShareFormat): Promise<ShareBenchResult> {
  const request = { project, content: quizContent(1), format };
  await renderer.render(request);
  const times: number[] = [];
  for (let run = 0; run < CACHED_RUNS; run++) {
    const started = performance.now();
    await renderer.render(request);
    times.push(performance.now() - started);
  }
  return summarise(`cached fetch ${format}`, times);
}

async function benchBaseline(format: ShareFormat): Promise<ShareBenchResult> {
  const family = await loadFamily('pt-sans');
  const { width, height } = SHARE_FORMATS[format];
  const card = {
    type: 'div',
    props: {
      style: {
        display: 'flex',
        width,
        height,
        alignItems: 'center',
        justifyContent: 'center',
        background: '#e30613',
        color: '#fff',
        fontSize: 64,
        fontFamily: family.fontFamily,
      },
      children: 'Hello, world',
    },
  };
  const times: number[] = [];
  for (let run = -3; run < COLD_RUNS; run++) {
    const started = performance.now();
    const svg = await satori(card as Parameters<typeof satori>[0], { width, height, fonts: family.satoriFonts });
    await sharp(Buffer.from(svg)).png().toBuffer();
    if (run >= 0) times.push(performance.now() - started);
  }
  return summarise(`baseline one-line ${format}`, times);
}

function summarise(name: string, times: number[]): ShareBenchResult {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]!;
  return { name, runs: times.length, p50: round(at(0.5)), p99: round(at(0.99)) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

if (import.meta.main) {
  const results = await benchShare();
  for (const result of results) {
    console.log(
      `${result.name.padEnd(28)} p50 ${String(result.p50).padStart(7)} ms   p99 ${String(result.p99).padStart(7)} ms   (${result.runs} runs)`,
    );
  }
}
