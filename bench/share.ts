/**
 * Share image timings: cold renders of a full card (og and story), cached fetches, and a bare
 * satori + sharp one-line card as the floor of what any card costs on this machine.
 * Run: node bench/share.ts
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import satori from 'satori';
import sharp from 'sharp';
import { shareImageSchema } from '../src/config/schemas/share.ts';
import { ShareImageRenderer } from '../src/share/cache.ts';
import { loadFamily } from '../src/share/fonts.ts';
import { SHARE_FORMATS, type ShareFormat } from '../src/share/formats.ts';
import type { ShareContent, ShareProject } from '../src/share/types.ts';

export interface ShareBenchResult {
  name: string;
  runs: number;
  p50: number;
  p99: number;
}

const COLD_RUNS = 40;
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
    for (const format of ['og', 'story'] as const) {
      results.push(await benchBaseline(format));
      results.push(await benchCold(renderer, project, format, (run) => quizContent(run), 'quiz card'));
      results.push(await benchCold(renderer, project, format, (run) => greetingContent(run), 'greeting card'));
      results.push(await benchCached(renderer, project, format));
    }
    return results;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Score, title with an emoji, a line of text, kicker and logo: what a quiz result shows. */
function quizContent(run: number): ShareContent {
  return { title: `Я угадала ${run % 7} из 6 традиций! 🎄`, text: `Анна, 2020 — «ёлка»! Попытка №${run}`, score: { value: run % 7, of: 6 } };
}

/** A whole ~260-character generated greeting. */
function greetingContent(run: number): ShareContent {
  return { title: `Открытка для Анны №${run}`, text: GREETING };
}

async function benchProject(dir: string): Promise<ShareProject> {
  await mkdir(join(dir, 'assets'), { recursive: true });
  await sharp({ create: { width: 480, height: 160, channels: 4, background: '#e30613' } }).png().toFile(join(dir, 'assets', 'logo.png'));
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
      style: { display: 'flex', width, height, alignItems: 'center', justifyContent: 'center', background: '#e30613', color: '#fff', fontSize: 64, fontFamily: family.fontFamily },
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
    console.log(`${result.name.padEnd(28)} p50 ${String(result.p50).padStart(7)} ms   p99 ${String(result.p99).padStart(7)} ms   (${result.runs} runs)`);
  }
}
