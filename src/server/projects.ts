import { stat } from 'node:fs/promises';
import path from 'node:path';
import { settings } from '../environment/index.ts';
import { PROJECT_SLUG } from '../config/schemas/common.ts';
import { loadProject, ProjectConfigError, formatProblems, type LoadedProject } from '../config/load.ts';
import { HttpError } from './http.ts';
import { listProjectFolders } from '../config/project-loader.ts';
import { processShared } from '../lib/process-shared.ts';

export type ProjectLookup = { status: 'ok'; project: LoadedProject } | { status: 'missing' } | { status: 'broken'; problems: string };

export function projectsDir(): string {
  return path.resolve(settings().projectsDir);
}

interface CacheEntry {
  mtimeMs: number;
  /** When project.yaml was last stat'ed: at most once a second, since a stat per request cost 12% of CPU. */
  checkedAt: number;
  lookup: ProjectLookup;
}

const RECHECK_MS = 1000;

/** Shared with the built app's copy of this module (see process-shared.ts), so both serve the same project objects. */
const cache = processShared('projects', () => new Map<string, CacheEntry>());

/**
 * The project behind a URL slug. Configs are re-read when project.yaml changes, so an author's
 * edit shows up without a restart; a broken config makes only that project unavailable (its
 * problems are logged once per change), never the whole server.
 */
export async function findProject(slug: string): Promise<ProjectLookup> {
  if (!PROJECT_SLUG.test(slug)) return { status: 'missing' };
  const now = Date.now();
  const cached = cache.get(slug);
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached.lookup;
  const dir = path.join(projectsDir(), slug);
  const mtimeMs = await configMtime(dir);
  if (mtimeMs === undefined) {
    cache.delete(slug);
    return { status: 'missing' };
  }
  if (cached && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached.lookup;
  }
  const lookup = await load(dir);
  if (lookup.status === 'broken') console.error(`[rekindle] project ${slug} is unavailable:\n${lookup.problems}`);
  cache.set(slug, { mtimeMs, checkedAt: now, lookup });
  return lookup;
}

/** The project named `slug`, or the 404/503 every route answers when there is none to serve. */
export async function requireProject(slug: string): Promise<LoadedProject> {
  const lookup = await findProject(slug);
  if (lookup.status === 'missing') throw new HttpError(404, 'project-not-found', `There is no project named ${slug}.`);
  if (lookup.status === 'broken') throw new HttpError(503, 'project-unavailable', 'This project is temporarily unavailable.');
  return lookup.project;
}

async function configMtime(dir: string): Promise<number | undefined> {
  try {
    return (await stat(path.join(dir, 'project.yaml'))).mtimeMs;
  } catch {
    return undefined;
  }
}

async function load(dir: string): Promise<ProjectLookup> {
  try {
    return { status: 'ok', project: await loadProject(dir) };
  } catch (error) {
    if (error instanceof ProjectConfigError) return { status: 'broken', problems: formatProblems(error.problems) };
    throw error;
  }
}

let folders: { names: string[]; checkedAt: number } | undefined;

/**
 * The playable projects, by folder name, for the front door. The folder list is read again at
 * most once a second and each project goes through findProject's cache, so a new, edited or
 * removed project shows within a second while a busy front door costs no disk reads or parsing.
 */
export async function listProjects(): Promise<LoadedProject[]> {
  const now = Date.now();
  if (!folders || now - folders.checkedAt >= RECHECK_MS) {
    folders = { names: ((await listProjectFolders(projectsDir())) ?? []).map((folder) => path.basename(folder)), checkedAt: now };
  }
  const lookups = await Promise.all(folders.names.map((name) => findProject(name)));
  return lookups.flatMap((lookup) => (lookup.status === 'ok' ? [lookup.project] : []));
}
