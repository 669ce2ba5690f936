import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parseDocument } from 'yaml';
import { main } from '../../../src/cli/main.ts';
import { reloadSettings } from '../../../src/environment/index.ts';
import { parsePromoPool } from '../../../src/gifts/index.ts';

/**
 * The messages schemas and mechanics write themselves (a colour, a path, the wheel's odds, a
 * survey's follow-up) follow the language of messages like the generic ones: a Russian project
 * is told in Russian, unless LANG names English.
 */

let projectsDir: string;
let stdout: MockInstance<typeof console.log>;
let stderr: MockInstance<typeof console.error>;
const printed = (spy: MockInstance) => spy.mock.calls.map((call) => call.join(' ')).join('\n');

beforeEach(async () => {
  projectsDir = await mkdtemp(path.join(tmpdir(), 'rekindle-validator-language-'));
  vi.stubEnv('REKINDLE_PROJECTS_DIR', projectsDir);
  for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES']) vi.stubEnv(name, '');
  reloadSettings();
  stdout = vi.spyOn(console, 'log').mockImplementation(() => {});
  stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  reloadSettings();
  await rm(projectsDir, { recursive: true, force: true });
});

/** A fresh Russian project of `kind` from `rekindle new`, with one mistake made in its project.yaml. */
async function russianProjectWith(slug: string, kind: string, mistake: (yaml: ReturnType<typeof parseDocument>) => void) {
  expect(await main(['new', slug, '--kind', kind, '--locale', 'ru'])).toBe(0);
  const file = path.join(projectsDir, slug, 'project.yaml');
  const yaml = parseDocument(await readFile(file, 'utf8'));
  mistake(yaml);
  await writeFile(file, yaml.toString());
}

async function validate(slug: string, lang: string): Promise<string> {
  vi.stubEnv('LANG', lang);
  reloadSettings();
  stdout.mockClear();
  stderr.mockClear();
  expect(await main(['validate', slug])).toBe(1);
  return printed(stderr);
}

describe('validate speaks the team’s language in the schemas’ and mechanics’ own messages', () => {
  it('a bad colour and a path outside the folder', async () => {
    await russianProjectWith('branding', 'wheel', (yaml) => {
      yaml.setIn(['branding', 'colors', 'surface'], 'white');
      yaml.setIn(['branding', 'logo'], '../other/logo.svg');
      yaml.setIn(['branding', 'colors', 'text'], '#9a9a9a');
    });
    const russian = await validate('branding', '');
    expect(russian).toContain('branding.colors.surface: ожидается цвет в формате hex, например #e30613, а получено "white"');
    expect(russian).toContain(
      'branding.logo: ожидается путь внутри папки проекта, например assets/logo.png, а получено "../other/logo.svg"',
    );
    expect(russian).toMatch(
      /branding\.colors\.text: контраст text #9a9a9a на background #f7f5f0 \(основной текст страницы\) — \d,\d\d:1, а нужно не меньше 4,5:1/,
    );
    const english = await validate('branding', 'en_US.UTF-8');
    expect(english).toContain('branding.colors.surface: expected a hex colour like #e30613, got "white"');
    expect(english).toContain('branding.logo: expected a path inside the project folder, like assets/logo.png, got "../other/logo.svg"');
    expect(english).toMatch(
      /branding\.colors\.text: text #9a9a9a on background #f7f5f0 \(body text on the page\) has a contrast of \d\.\d\d:1/,
    );
  });

  it('a file project.yaml names that is not there', async () => {
    await russianProjectWith('missing-file', 'wheel', (yaml) => yaml.setIn(['branding', 'heroImage'], 'assets/none.svg'));
    expect(await validate('missing-file', '')).toContain('branding.heroImage: файл "assets/none.svg" не найден в папке проекта');
    expect(await validate('missing-file', 'en_US.UTF-8')).toContain(
      'branding.heroImage: file "assets/none.svg" not found in the project folder',
    );
  });

  it('a wheel whose odds add up to 90', async () => {
    await russianProjectWith('odds', 'wheel', (yaml) => {
      const odds = Number(yaml.getIn(['prizes', 0, 'odds']));
      yaml.setIn(['prizes', 0, 'odds'], odds - 10);
      yaml.setIn(['prizes', 0, 'consolation'], true);
    });
    const russian = await validate('odds', '');
    expect(russian).toMatch(/prizes: шансы в сумме дают 90, а нужно 100 \(шанс каждого приза в процентах: delivery \d+, /);
    expect(russian).toContain('prizes: consolation: true стоит у 2 призов; нужен ровно один утешительный приз («В другой раз»)');
    expect(await validate('odds', 'en_US.UTF-8')).toMatch(
      /prizes: the odds add up to 90; expected 100 \(each prize's odds in percent: delivery \d+, /,
    );
  });

  it('a survey question that follows a question nobody asked', async () => {
    await russianProjectWith('follow-up', 'survey', (yaml) => {
      yaml.setIn(['questions', 1, 'showIf'], { question: 'price', answers: ['expensive'] });
    });
    expect(await validate('follow-up', '')).toContain(
      'questions[1].showIf.question: среди предыдущих вопросов нет вопроса с id price; укажите id вопроса, заданного раньше этого',
    );
    expect(await validate('follow-up', 'en_US.UTF-8')).toContain(
      'questions[1].showIf.question: no earlier question has id price; expected the id of a question asked before this one',
    );
  });
});

describe('the gift check speaks it too', () => {
  it('reports a promo pool’s bad lines in Russian under a Russian LANG, with the plural the count asks for', () => {
    vi.stubEnv('LANG', 'ru_RU.UTF-8');
    reloadSettings();
    expect(parsePromoPool('code\nAB\nGOOD1\nGOOD1\nX1,X2\n').problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      '2: "AB" — не промокод; нужно от 3 до 64 латинских букв, цифр, - или _',
      '4: код GOOD1 повторяет строку 3; каждый код выдаётся один раз',
      '5: в строке 2 значения; нужен один код в строке',
    ]);
    vi.stubEnv('LANG', 'en_US.UTF-8');
    reloadSettings();
    expect(parsePromoPool('AB\n').problems.map((problem) => problem.message)).toEqual([
      '"AB" is not a promo code; expected 3–64 latin letters, digits, - or _',
    ]);
  });
});
