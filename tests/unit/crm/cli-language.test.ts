import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import links from '../../../src/cli/commands/links.ts';
import orders from '../../../src/cli/commands/orders.ts';
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

describe('the rows an import refuses', () => {
  const badRows = [
    'customer_id,name,email,total_spend',
    'r1,Ольга,olga@example.ru,1 500',
    'r2,Пётр,не-адрес,100',
    'r3,Анна,anna@example.ru,много',
    'r4,Мария,maria@example.ru,-5',
    'r1,Ольга Петровна,olga@example.ru,1 500',
    'r5,Иван,ivan@example.ru,10,лишнее',
    ',Без номера,,',
  ].join('\n');

  it('are explained in Russian under a Russian LANG', async () => {
    process.env.LANG = 'ru_RU.UTF-8';
    const file = path.join(work, 'bad-ru.csv');
    writeFileSync(file, `${badRows}\n`);
    const { code, output } = await run(['import', 'bad-ru', file, '--out', path.join(work, 'bad-ru-mail.csv')]);
    expect(code).toBe(1);
    expect(output).toContain(`${file}:3: email «не-адрес» — не адрес вроде anna@example.com`);
    expect(output).toContain(`${file}:4: total_spend «много» — не сумма; нужно число вроде 12 345,50`);
    expect(output).toContain(`${file}:5: total_spend «-5» меньше нуля; нужно 0 или больше`);
    expect(output).toContain(`${file}:6: customer_id r1 уже есть в строке 2, но с другими полями (name); оставьте одну строку на клиента`);
    expect(output).toContain(`${file}:7: в строке на 1 поле больше, чем в заголовке; значения с разделителем возьмите в кавычки`);
    expect(output).toContain(`${file}:8: customer_id не заполнен`);
  });

  it('are explained in English under LANG=C', async () => {
    process.env.LANG = 'C.UTF-8';
    const file = path.join(work, 'bad-en.csv');
    writeFileSync(file, `${badRows}\n`);
    const { code, output } = await run(['import', 'bad-en', file, '--out', path.join(work, 'bad-en-mail.csv')]);
    expect(code).toBe(1);
    expect(output).toContain(`${file}:3: email «не-адрес» is not an address like anna@example.com`);
    expect(output).toContain(`${file}:6: customer_id r1 already appears on line 2 with a different name; keep one row per customer`);
    expect(output).toContain(`${file}:8: customer_id is empty`);
  });

  it('of an orders file are explained in Russian too', async () => {
    process.env.LANG = 'ru_RU.UTF-8';
    const file = path.join(work, 'orders-ru.csv');
    writeFileSync(file, 'order_id,customer_id,ordered_at,amount\no1,r1,вчера,100\no2,r1,2020-12-20,\no1,r1,2020-12-20,5\n');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    reloadSettings();
    try {
      expect(await orders.run(['import', 'orders-ru', file])).toBe(1);
      const output = [...log.mock.calls, ...error.mock.calls].flat().join('\n');
      expect(output).toContain(`${file}:2: ordered_at «вчера» — не дата; подойдут 2020-12-20, 2020-12-20 14:05 или 20.12.2020`);
      expect(output).toContain(`${file}:3: amount не заполнен`);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
