import { cp, mkdtemp, rm, utimes, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listProjects } from '../../../src/server/projects.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

const fixture = path.join(import.meta.dirname, 'fixtures', 'door-quiz');

describe('listProjects (the front door)', () => {
  let projects: string;

  beforeEach(async () => {
    projects = await mkdtemp(path.join(tmpdir(), 'rekindle-door-'));
    await cp(fixture, path.join(projects, 'door-quiz'), { recursive: true });
    vi.stubEnv('REKINDLE_PROJECTS_DIR', projects);
    reloadSettings();
    vi.useFakeTimers({ toFake: ['Date'] });
  });

  afterEach(async () => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    reloadSettings();
    await rm(projects, { recursive: true, force: true });
  });

  it('serves the projects it loaded instead of loading every project again on each request', async () => {
    const [first] = await listProjects();
    const [again] = await listProjects();
    expect(first?.config.title).toBe('Door quiz');
    expect(again).toBe(first);
  });

  it('shows an edited, an added and a removed project within a second', async () => {
    await listProjects();
    const file = path.join(projects, 'door-quiz', 'project.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Door quiz', 'title: Edited quiz'));
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    await cp(fixture, path.join(projects, 'second-quiz'), { recursive: true });
    const secondFile = path.join(projects, 'second-quiz', 'project.yaml');
    await writeFile(secondFile, (await readFile(secondFile, 'utf8')).replace('slug: door-quiz', 'slug: second-quiz'));

    vi.setSystemTime(Date.now() + 1_001);
    expect((await listProjects()).map((project) => project.config.title)).toEqual(['Edited quiz', 'Door quiz']);

    await rm(path.join(projects, 'door-quiz'), { recursive: true });
    vi.setSystemTime(Date.now() + 1_001);
    expect((await listProjects()).map((project) => project.slug)).toEqual(['second-quiz']);
  });
});
