/**
 * Where a V8 CPU profile (`node --cpu-prof`) spent its time: self time by module (npm package,
 * Node internal area, bundle chunk or source file) and by function, and total time (callees
 * included) of the app's own functions, the ones in dist/ or src/: which of our steps costs what.
 * Run alone: node bench/lib/cpu-profile.ts <file.cpuprofile>
 */
import { readFile } from 'node:fs/promises';
import { formatTable } from './table.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

export interface TimeShare {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  selfByModule: TimeShare[];
  selfByFunction: TimeShare[];
  /** The app's functions by time spent in them and everything they called. */
  totalByAppFunction: TimeShare[];
}

/** Pseudo-frames V8 records for time outside JavaScript. */
const PSEUDO_FRAMES = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
const APP_CODE = /\/(dist|src)\//;

export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const totalMs = (profile.endTime - profile.startTime) / 1000;

  const selfByModule = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByAppFunction = new Map<string, number>();
  const count = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const sample of profile.samples) {
    const node = nodes.get(sample);
    if (!node) continue;
    count(selfByModule, moduleOf(node.callFrame.url, node.callFrame.functionName));
    count(selfByFunction, functionName(node));
    // A recursive function appears several times in one stack; count each sample once.
    const onStack = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parents.get(id)) {
      const frame = nodes.get(id);
      if (frame && APP_CODE.test(frame.callFrame.url)) onStack.add(functionName(frame));
    }
    for (const name of onStack) count(totalByAppFunction, name);
  }

  const samples = profile.samples.length;
  const ranked = (counts: Map<string, number>) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, ms: Math.round((hits / samples) * totalMs), percent: Number(((hits / samples) * 100).toFixed(1)) }));
  return {
    totalMs: Math.round(totalMs),
    selfByModule: ranked(selfByModule),
    selfByFunction: ranked(selfByFunction),
    totalByAppFunction: ranked(totalByAppFunction),
  };
}

/**
 * The unit a reader can act on: an npm package, a Node internal area (node:internal/fs), a
 * bundle chunk of dist/ (named after its page or module) or a source file.
 */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return PSEUDO_FRAMES.has(functionName) ? functionName : '(native)';
  const packagePath = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (packagePath) return packagePath[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return shortUrl(url);
}

function functionName(node: ProfileNode): string {
  const { functionName: name, url, lineNumber } = node.callFrame;
  if (!url) return PSEUDO_FRAMES.has(name) ? name : `${truncate(name, 60)} (native)`;
  return `${truncate(name || '(anonymous)', 60)} ${shortUrl(url)}:${lineNumber + 1}`;
}

/** Regular expressions are profiled with their whole source as the function name. */
function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  return path.match(/\/((?:dist|src|bench)\/.*)$/)?.[1] ?? path;
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const rows = (shares: TimeShare[]) => shares.map((share) => ({ name: share.name, ms: share.ms, '%': share.percent }));
  return [
    formatTable(`CPU self time by module (of ${summary.totalMs} ms profiled)`, rows(summary.selfByModule)),
    formatTable('CPU self time by function', rows(summary.selfByFunction)),
    formatTable('CPU total time (callees included) of the app’s own functions', rows(summary.totalByAppFunction)),
  ].join('\n\n');
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/lib/cpu-profile.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(formatProfileSummary(summariseProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile)));
}
