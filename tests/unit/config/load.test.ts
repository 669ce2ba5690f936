import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblems, ProjectConfigError } from '../../../src/config/problems.ts';
import { createProjectLoader } from '../../../src/config/project-loader.ts';
import { buildProjectSchema } from '../../../src/config/build-schema.ts';
import { fakeCard, fakeQuiz } from './fake-mechanics.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const schema = buildProjectSchema([fakeQuiz, fakeCard]);
const { loadProject, loadProjects } = createProjectLoader(schema, [fakeQuiz, fakeCard]);

/** The problems of a fixture exactly as `npm run validate` prints them. */
async function problemsOf(fixture: string): Promise<string> {
  try {
    await loadProject(path.join(fixtures, fixture));
  } catch (error) {
    if (error instanceof ProjectConfigError) return formatProblems(error.problems);
    throw error;
  }
  throw new Error(`Fixture ${fixture} loaded without problems, but the test expects some.`);
}

describe('loadProject', () => {
  it('loads a valid project with defaults filled', async () => {
    const project = await loadProject(path.join(fixtures, 'valid'));
    expect(project.slug).toBe('valid');
    expect(project.dir).toBe(path.join(fixtures, 'valid'));
    expect(project.config.kind).toBe('fake-quiz');
    expect(project.config.locale).toBe('ru');
    expect(project.config.branding.colors).toEqual({
      primary: '#06704f',
      onPrimary: '#ffffff',
      background: '#fff8f0',
      text: '#1d1d1b',
      surface: '#ffffff',
    });
    expect(project.config.reactivation).toMatchObject({ windowDays: 30, controlShare: 0.1, from: 'send' });
    expect(project.config.gift).toMatchObject({ kind: 'booklet', pdfFileName: 'gift.pdf' });
  });

  it('reports missing fields at the line of their parent', async () => {
    expect(await problemsOf('missing-field')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/missing-field/project.yaml title: required field is missing; expected text
      tests/unit/config/fixtures/missing-field/project.yaml:7 intro.startButton: required field is missing; expected text"
    `);
  });

  it('reports wrong types with what was received', async () => {
    expect(await problemsOf('wrong-type')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/wrong-type/project.yaml:15 questions[1].answer: expected true or false, got "нет"
      tests/unit/config/fixtures/wrong-type/project.yaml:25 reactivation.forecast: expected a number, got "many""
    `);
  });

  it('reports unknown keys and suggests the closest valid key', async () => {
    expect(await problemsOf('unknown-key')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/unknown-key/project.yaml:10 intro.startbutton: unknown key "startbutton"; did you mean "startButton"?
      tests/unit/config/fixtures/unknown-key/project.yaml:20 gift.colour: unknown key "colour"; expected one of kind, title, description, url, buttonLabel"
    `);
  });

  it('collapses a failed union into one line listing the allowed kinds', async () => {
    expect(await problemsOf('bad-enum')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/bad-enum/project.yaml:6 branding.font: expected one of pt-sans, pt-serif, got "arial"
      tests/unit/config/fixtures/bad-enum/project.yaml:18 gift.kind: expected one of booklet, promo-code, file, link, got "pdf""
    `);
    expect(await problemsOf('bad-kind')).toMatchInlineSnapshot(
      `"tests/unit/config/fixtures/bad-kind/project.yaml:2 kind: expected one of fake-quiz, fake-card, got "quiz""`,
    );
  });

  it('reports a bad colour with the value received', async () => {
    expect(await problemsOf('bad-colour')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/bad-colour/project.yaml:7 branding.colors.primary: expected a hex colour like #e30613, got "red""
    `);
  });

  it('refuses brand colours players cannot read, naming the pair and the ratio', async () => {
    expect(await problemsOf('low-contrast')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/low-contrast/project.yaml:8 branding.colors.text: text #9a9a9a on background #fff8f0 (body text on the page) has a contrast of 2.67:1; expected at least 4.5:1 (WCAG 2.1 AA). Darken one or lighten the other.
      tests/unit/config/fixtures/low-contrast/project.yaml:8 branding.colors.text: text #9a9a9a on surface #ffffff (text on cards) has a contrast of 2.81:1; expected at least 4.5:1 (WCAG 2.1 AA). Darken one or lighten the other."
    `);
  });

  it('checks every asset path on disk, mechanic fields included', async () => {
    expect(await problemsOf('missing-asset')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/missing-asset/project.yaml:6 branding.logo: file "assets/missing.svg" not found in the project folder
      tests/unit/config/fixtures/missing-asset/project.yaml:17 questions[1].image: expected a file, "assets" is a folder"
    `);
  });

  it('refuses paths that escape the project folder', async () => {
    expect(await problemsOf('escaping-path')).toMatchInlineSnapshot(`
      "tests/unit/config/fixtures/escaping-path/project.yaml:6 branding.logo: expected a path inside the project folder, like assets/logo.png, got "../valid/assets/logo.svg"
      tests/unit/config/fixtures/escaping-path/project.yaml:17 questions[1].image: expected a path inside the project folder, like assets/logo.png, got "/etc/passwd""
    `);
  });

  it('requires the slug to equal the folder name', async () => {
    expect(await problemsOf('slug-mismatch')).toMatchInlineSnapshot(
      `"tests/unit/config/fixtures/slug-mismatch/project.yaml:1 slug: expected "slug-mismatch" (the folder name), got "new-year"; rename the folder or change the slug"`,
    );
  });

  it("includes the mechanic's own checks", async () => {
    expect(await problemsOf('too-many-questions')).toMatchInlineSnapshot(
      `"tests/unit/config/fixtures/too-many-questions/project.yaml:18 questions[3]: a fake quiz has at most 3 questions"`,
    );
  });

  it('reports malformed YAML with line and column', async () => {
    expect(await problemsOf('malformed-yaml')).toMatchInlineSnapshot(
      `"tests/unit/config/fixtures/malformed-yaml/project.yaml:10:1 invalid YAML: All mapping items must start at the same column"`,
    );
  });

  it('reports an empty file', async () => {
    expect(await problemsOf('empty')).toMatchInlineSnapshot(
      `"tests/unit/config/fixtures/empty/project.yaml the file is empty; expected the project settings, starting with slug, kind and title"`,
    );
  });

  it('reports a missing folder', async () => {
    expect(await problemsOf('no-such-project')).toMatchInlineSnapshot(
      `"tests/unit/config/fixtures/no-such-project project folder not found"`,
    );
  });
});

describe('loadProject on disk', () => {
  let tempDir: string | undefined;
  afterEach(async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  });

  it('refuses a symbolic link that leads outside the project folder', async () => {
    tempDir = await mkdtemp(path.join(tmpdir(), 'rekindle-config-'));
    const project = path.join(tempDir, 'linked');
    await cp(path.join(fixtures, 'valid'), project, { recursive: true });
    const yaml = await readFile(path.join(project, 'project.yaml'), 'utf8');
    await writeFile(path.join(project, 'project.yaml'), yaml.replace('slug: valid', 'slug: linked'));
    await writeFile(path.join(tempDir, 'secret.svg'), '<svg/>');
    await rm(path.join(project, 'assets', 'logo.svg'));
    await symlink(path.join(tempDir, 'secret.svg'), path.join(project, 'assets', 'logo.svg'));

    const problems = await loadProject(project).then(
      () => [],
      (error: ProjectConfigError) => error.problems,
    );
    expect(problems.map(({ path: configPath, line, message }) => ({ configPath, line, message }))).toEqual([
      {
        configPath: 'branding.logo',
        line: 6,
        message: '"assets/logo.svg" leads outside the project folder (through a symbolic link); copy the file in',
      },
      {
        configPath: 'questions[0].image',
        line: 15,
        message: '"assets/logo.svg" leads outside the project folder (through a symbolic link); copy the file in',
      },
    ]);
  });
});

describe('loadProjects', () => {
  let tempDir: string | undefined;
  afterEach(async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  });

  it('loads the good projects and collects the problems of the broken ones', async () => {
    const { projects, problems } = await loadProjects(fixtures);
    expect(projects.map((project) => project.slug)).toEqual(['valid']);
    const brokenFolders = new Set(problems.map((problem) => problem.file.split(path.sep).at(-2)));
    expect(brokenFolders.size).toBe(13);
  });

  it('reports a project folder without project.yaml', async () => {
    tempDir = await mkdtemp(path.join(tmpdir(), 'rekindle-config-'));
    await mkdir(path.join(tempDir, 'draft'));
    const { projects, problems } = await loadProjects(tempDir);
    expect(projects).toEqual([]);
    expect(problems).toEqual([
      {
        file: path.join(tempDir, 'draft', 'project.yaml'),
        path: '',
        message: 'file not found; every project folder needs a project.yaml',
      },
    ]);
  });
});
