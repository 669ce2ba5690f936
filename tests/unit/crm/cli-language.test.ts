import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import links from '../../../src/cli/commands/links.ts';
import { messageLocale } from '../../../src/i18n/cli-messages.ts';
import { encodeSingleByte } from '../lib/legacy-encode.ts';
import { parseEnvironment, reloadSettings } from '../../../src/environment/index.ts';

vi.mock('../../../src/config/load.ts', () => ({
  loadProject: async (dir: string) => ({
    slug: path.basename(dir),
    dir,
    config: { locale: 'ru', reactivation: { controlShare: 0.5 }, tiers: [], schedule: { timezone: 'Europe/Moscow' } },
  }),
  ProjectConfigError: class extends Error {},
  formatProblems: () => '',
}));

const work = mkdtempSync(path.join(tmpdir(), 'rekindle-cli-language-'));
const saved = { LANG: process.env.LANG, REKINDLE_DATA_DIR: process.env.REKINDLE_DATA_DIR };
process.env.REKINDLE_DATA_DIR = path.join(work, 'data');
reloadSettings();

afterEach(() => {
  process.env.LANG = saved.LANG;
});
afterAll(() => {
  process.env.REKINDLE_DATA_DIR = saved.REKINDLE_DATA_DIR;
  reloadSettings();
  rmSync(work, { recursive: true, force: true });
});

async function run(args: string[]) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  reloadSettings();
  try {
    const code = await links.run(args);
    return { code, output: [...log.mock.calls, ...error.mock.calls].flat().join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('the language of CLI and import messages', () => {
  it('follows LANG when it names a language, else the project locale, else English', () => {
    const localeOf = (env: Record<string, string>) => parseEnvironment(env).locale;
    expect(messageLocale('en', localeOf({ LANG: 'ru_RU.UTF-8' }))).toBe('ru');
    expect(messageLocale('ru', localeOf({ LANG: 'en_GB.UTF-8' }))).toBe('en');
    expect(messageLocale('ru', localeOf({ LANG: 'C.UTF-8' }))).toBe('en');
    expect(messageLocale('ru', localeOf({ LC_ALL: 'ru_RU.UTF-8', LANG: 'C' }))).toBe('ru');
    expect(messageLocale('ru', localeOf({}))).toBe('ru');
    expect(messageLocale(undefined, localeOf({}))).toBe('en');
  });

  it('reports an import in Russian under a Russian LANG', async () => {
    process.env.LANG = 'ru_RU.UTF-8';
    const file = path.join(work, 'customers.csv');
    writeFileSync(file, 'customer_id,name\nc1,Ольга\n');
    const { code, output } = await run(['import', 'ru-project', file, '--out', path.join(work, 'mail.csv')]);
    expect(code).toBe(0);
    expect(output).toContain('Импортировано строк в ru-project: 1. Клиентов: 1, новых ссылок: 1');
    expect(output).toContain('Внимание: в контрольной группе');
  });

  it('refuses a KOI8-R file in Russian, from the parsing worker thread too', async () => {
    process.env.LANG = 'ru_RU.UTF-8';
    const file = path.join(work, 'koi8.csv');
    writeFileSync(file, encodeSingleByte('customer_id,name\nc2,Ольга\n', 'koi8-r'));
    const { code, output } = await run(['import', 'ru-project', file, '--out', path.join(work, 'koi8-mail.csv')]);
    expect(code).toBe(1);
    expect(output).toContain('файл не в UTF-8 и похож на KOI8-R');
    expect(output).toContain('«CSV UTF-8 (разделитель — запятая)»');
  });

  it('keeps the English texts under LANG=C', async () => {
    process.env.LANG = 'C.UTF-8';
    const file = path.join(work, 'customers-en.csv');
    writeFileSync(file, 'customer_id,name\nc3,Olga\n');
    const { output } = await run(['import', 'en-run', file, '--out', path.join(work, 'mail-en.csv')]);
    expect(output).toContain('Imported 1 rows into en-run: 1 customers, 1 new links, 0 already linked.');
  });
});
