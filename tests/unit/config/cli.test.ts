import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

const fixtures = path.join('tests', 'unit', 'config', 'fixtures');

describe('rekindle CLI', () => {
  let stdout: MockInstance<typeof console.log>;
  let stderr: MockInstance<typeof console.error>;
  const printed = (spy: MockInstance) => spy.mock.calls.map((call) => call.join(' ')).join('\n');

  beforeEach(() => {
    stdout = vi.spyOn(console, 'log').mockImplementation(() => {});
    stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    reloadSettings();
  });

  it('lists the commands found in src/cli/commands', async () => {
    expect(await main(['help'])).toBe(0);
    expect(printed(stdout)).toMatch(/^ {2}validate +check project folders/m);
    expect(printed(stdout)).toMatch(/^ {2}schema +write project\.schema\.json/m);
  });

  it('refuses an unknown command with exit code 2', async () => {
    expect(await main(['deploy'])).toBe(2);
    expect(printed(stderr)).toMatch(/^rekindle has no command "deploy"\. Commands: .*validate.*\. Run rekindle help for details\.$/);
  });

  it('never imports a file outside the commands folder', async () => {
    expect(await main(['../main'])).toBe(2);
  });

  // Fixtures that fail before the schema, so these tests hold whatever mechanics are registered.
  it('validate prints each problem and a summary, and exits 1', async () => {
    const code = await main(['validate', path.join(fixtures, 'malformed-yaml'), path.join(fixtures, 'empty')]);
    expect(code).toBe(1);
    expect(printed(stderr)).toBe(
      [
        `${fixtures}/empty/project.yaml the file is empty; expected the project settings, starting with slug, kind and title`,
        `${fixtures}/malformed-yaml/project.yaml:10:1 invalid YAML: All mapping items must start at the same column`,
      ].join('\n'),
    );
    expect(printed(stdout)).toBe('✗ 2 problems in 2 of 2 projects.');
  });

  it('validate finds slugs in REKINDLE_PROJECTS_DIR', async () => {
    vi.stubEnv('REKINDLE_PROJECTS_DIR', fixtures);
    reloadSettings();
    expect(await main(['validate', 'empty'])).toBe(1);
    expect(printed(stderr)).toContain(`${fixtures}/empty/project.yaml the file is empty`);
  });

  it('validate exits 0 when there is nothing wrong', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'rekindle-projects-'));
    try {
      vi.stubEnv('REKINDLE_PROJECTS_DIR', empty);
      reloadSettings();
      expect(await main(['validate'])).toBe(0);
      expect(printed(stdout)).toBe('No project folders to check.');
    } finally {
      await rm(empty, { recursive: true });
    }
  });

  it('validate speaks the project’s language when the environment names none', async () => {
    const projects = await mkdtemp(path.join(tmpdir(), 'rekindle-projects-'));
    try {
      await mkdir(path.join(projects, 'ru-typo'));
      await writeFile(path.join(projects, 'ru-typo', 'project.yaml'), 'slug: ru-typo\nlocale: ru\nkind: true-false-quiz\ntitel: Привет\n');
      for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES']) vi.stubEnv(name, '');
      vi.stubEnv('REKINDLE_PROJECTS_DIR', projects);
      reloadSettings();
      expect(await main(['validate', 'ru-typo'])).toBe(1);
      expect(printed(stderr)).toContain('titel: неизвестный ключ "titel"; может быть, имелся в виду "title"?');
      expect(printed(stdout)).toMatch(/^✗ Проблем: \d+, в 1 из 1 проекта\.$/);
    } finally {
      await rm(projects, { recursive: true });
    }
  });

  it('schema --check passes while project.schema.json is fresh', async () => {
    expect(await main(['schema', '--check'])).toBe(0);
    expect(printed(stdout)).toBe('✓ project.schema.json is up to date.');
  });
});
