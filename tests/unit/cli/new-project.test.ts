import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import newProject from '../../../src/cli/commands/new.ts';
import { loadProject } from '../../../src/config/load.ts';
import { checkGiftAssets } from '../../../src/gifts/index.ts';
import { mechanics } from '../../../src/mechanics/registry.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

let projectsDir: string;
const savedProjectsDir = process.env.REKINDLE_PROJECTS_DIR;

beforeEach(async () => {
  projectsDir = await mkdtemp(path.join(tmpdir(), 'rekindle-new-'));
  process.env.REKINDLE_PROJECTS_DIR = projectsDir;
  reloadSettings();
});
afterEach(async () => {
  if (savedProjectsDir === undefined) delete process.env.REKINDLE_PROJECTS_DIR;
  else process.env.REKINDLE_PROJECTS_DIR = savedProjectsDir;
  reloadSettings();
  await rm(projectsDir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await newProject.run(args);
    return { code, output: [...log.mock.calls, ...error.mock.calls].flat().join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const kindsAndLocales = mechanics.flatMap((mechanic) => (['ru', 'en'] as const).map((locale) => [mechanic.kind, locale] as const));

describe('rekindle new', () => {
  it.each(kindsAndLocales)('writes a %s project in %s that validates with no problems', async (kind, locale) => {
    const { code, output } = await run(['fresh-project', '--kind', kind, '--locale', locale]);
    expect(code, output).toBe(0);
    const folder = path.join(projectsDir, 'fresh-project');
    const project = await loadProject(folder);
    expect(project.config).toMatchObject({ kind, locale, slug: 'fresh-project' });
    expect(checkGiftAssets(project)).toEqual([]);
    const yaml = await readFile(path.join(folder, 'project.yaml'), 'utf8');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=.*project\.schema\.json\n# /);
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['assets', 'customers.sample.csv', 'project.yaml']));
  });

  it('writes only pictures of its own, none copied from the example projects', async () => {
    for (const { kind } of mechanics) {
      await run([`own-${kind}`, '--kind', kind]);
      for (const name of await readdir(path.join(projectsDir, `own-${kind}`, 'assets'))) {
        const written = await readFile(path.join(projectsDir, `own-${kind}`, 'assets', name), 'utf8');
        for (const example of ['new-year-traditions', 'march-8-greetings', 'home-habits-quiz']) {
          const original = await readFile(path.join('projects', example, 'assets', name), 'utf8').catch(() => undefined);
          expect(written).not.toBe(original);
        }
      }
    }
  });

  it('refuses an unknown kind, naming the registered ones', async () => {
    const { code, output } = await run(['fresh-project', '--kind', 'lottery']);
    expect(code).toBe(2);
    expect(output).toContain(`There is no mechanic "lottery". Kinds: ${mechanics.map((mechanic) => mechanic.kind).join(', ')}.`);
  });

  it('refuses a slug that cannot be a URL and a folder that exists', async () => {
    expect((await run(['Valentine Quiz', '--kind', mechanics[0].kind])).output).toContain('«Valentine Quiz» cannot be a slug');
    await run(['taken', '--kind', mechanics[0].kind]);
    const again = await run(['taken', '--kind', mechanics[0].kind]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already exists');
  });
});
