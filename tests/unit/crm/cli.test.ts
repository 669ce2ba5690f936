import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import links from '../../../src/cli/commands/links.ts';
import orders from '../../../src/cli/commands/orders.ts';
import { createStorage } from '../../../src/storage/index.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

// The commands are tested against a fixed project, not the config loader's example folders.
vi.mock('../../../src/config/load.ts', () => ({
  loadProject: async (dir: string) => ({
    slug: path.basename(dir),
    dir,
    config: {
      // 10 mailed, 10 held out; 30% would come back anyway, and the forecast counts on 40%.
      reactivation: { controlShare: 0.5, forecast: 4, baseRate: 0.3 },
      tiers: [{ name: 'vip', minSpend: 50000 }],
      schedule: { timezone: 'Europe/Moscow' },
    },
  }),
  ProjectConfigError: class extends Error {},
  formatProblems: () => '',
}));

const work = mkdtempSync(path.join(tmpdir(), 'rekindle-crm-cli-'));
const dataDir = path.join(work, 'data');
const customers = path.join(work, 'customers.csv');
const out = path.join(work, 'mail.csv');
const savedDataDir = process.env.REKINDLE_DATA_DIR;

function silenced() {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  return {
    output: () => [...log.mock.calls, ...error.mock.calls].flat().join('\n'),
    restore: () => {
      log.mockRestore();
      error.mockRestore();
    },
  };
}

async function run(command: typeof links, args: string[]) {
  const console = silenced();
  try {
    return { code: await command.run(args), output: console.output() };
  } finally {
    console.restore();
  }
}

beforeAll(() => {
  process.env.REKINDLE_DATA_DIR = dataDir;
  reloadSettings();
  const rows = Array.from({ length: 20 }, (_, index) => `c${index};Клиент ${index};c${index}@example.com;churned;${index * 5000}`);
  writeFileSync(customers, `customer_id;Имя;email;Сегмент;Сумма покупок\n${rows.join('\n')}\n`);
});

afterAll(() => {
  if (savedDataDir === undefined) delete process.env.REKINDLE_DATA_DIR;
  else process.env.REKINDLE_DATA_DIR = savedDataDir;
  reloadSettings();
});

describe('rekindle links import', () => {
  it('writes the mail-merge file for the target group and a url-less control list', async () => {
    const { code, output } = await run(links, ['import', 'ny', customers, '--out', out, '--base-url', 'https://promo.example.ru']);
    expect(code).toBe(0);
    expect(output).toContain('Target 10, control 10');
    const target = readFileSync(out, 'utf8').trim().split('\n');
    const controlText = readFileSync(path.join(work, 'mail.control.csv'), 'utf8');
    // People open the control list by hand: Russian Excel's CSV, with a BOM, semicolons and CRLF.
    expect(controlText.startsWith('\uFEFFcustomer_id;name;segment;tier\r\n')).toBe(true);
    const control = controlText.trim().split('\r\n');
    expect(target[0]).toBe('customer_id,name,email,phone,segment,tier,url');
    expect(target).toHaveLength(11);
    for (const line of target.slice(1)) {
      const [, index, tier] =
        /^c(\d+),Клиент \d+,c\d+@example\.com,,churned,(vip)?,https:\/\/promo\.example\.ru\/ny\?c=[\w-]{21}$/.exec(line) ?? [];
      expect(index, line).toBeDefined();
      // spend = index × 5 000, so index 10 and up reach the 50 000 VIP tier.
      expect(tier === 'vip').toBe(Number(index) >= 10);
    }
    expect(control).toHaveLength(11);
    expect(control.join('\n')).not.toMatch(/https?:|@/);
  });

  it('writes the mailing file for Excel and the control list plain when asked', async () => {
    const excelOut = path.join(work, 'excel.csv');
    const { code } = await run(links, ['import', 'ny', customers, '--out', excelOut, '--format', 'excel', '--control-format', 'plain']);
    expect(code).toBe(0);
    expect(readFileSync(excelOut, 'utf8')).toMatch(/^\uFEFFcustomer_id;name;email;phone;segment;tier;url\r\nc\d+;Клиент \d+;/);
    expect(readFileSync(path.join(work, 'excel.control.csv'), 'utf8')).toMatch(/^customer_id,name,segment,tier\n/);
  });

  it('refuses a format it does not know', async () => {
    const { code, output } = await run(links, ['import', 'ny', customers, '--format', 'xlsx']);
    expect(code).toBe(2);
    expect(output).toContain('--format «xlsx» is not a format; expected plain or excel.');
  });

  it('warns when the control group is too small to measure against', async () => {
    const few = path.join(work, 'few.csv');
    writeFileSync(few, `customer_id\n${Array.from({ length: 7 }, (_, index) => `few${index}`).join('\n')}\n`);
    const { code, output } = await run(links, ['import', 'few', few, '--out', path.join(work, 'few-mail.csv')]);
    expect(code).toBe(0);
    expect(output).toMatch(/Warning: the control group has \d customers, too few to measure/);
  });

  it('prints the smallest detectable lift and warns that the forecast’s is smaller', async () => {
    const { output } = await run(links, ['import', 'ny', customers, '--out', out, '--base-url', 'https://promo.example.ru']);
    // p = 0.3, n = 10 and 10: δ = 2.8016 · √(0.021 + (0.3 + δ)(0.7 − δ)/10) settles at 0.5266 (5 customers of 10).
    expect(output).toContain(
      'Plan: with 10 mailed and 10 held out at a base rate of 30.00%, the smallest lift this control group can detect',
    );
    expect(output).toContain('is 52.66 points (about 5 customers), at 80% power and α 5%');
    expect(output).toContain('Warning: the forecast of 4 counts on a lift of 10.00 points, smaller than 52.66 points');
  });

  it('gives the same urls on a second run', async () => {
    const before = readFileSync(out, 'utf8');
    const { code, output } = await run(links, ['import', 'ny', customers, '--out', out, '--base-url', 'https://promo.example.ru']);
    expect(code).toBe(0);
    expect(output).toContain('0 new links, 20 already linked');
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('exits 1, lists the bad rows and writes nothing when a row is bad', async () => {
    const bad = path.join(work, 'bad.csv');
    const badOut = path.join(work, 'bad-out.csv');
    writeFileSync(bad, 'customer_id,total_spend\nnew1,100\nnew2,много\n');
    const { code, output } = await run(links, ['import', 'ny', bad, '--out', badOut]);
    expect(code).toBe(1);
    expect(output).toContain(`${bad}:3: total_spend «много» is not an amount`);
    expect(existsSync(badOut)).toBe(false);
    const storage = await createStorage({ dataDir });
    expect(await storage.links.count('ny')).toBe(20);
    await storage.close();
  });

  it('refuses an --out that is a folder before importing anything', async () => {
    const folder = path.join(work, 'mailings');
    mkdirSync(folder);
    const fresh = path.join(work, 'fresh.csv');
    writeFileSync(fresh, 'customer_id\nfresh1\n');
    const { code, output } = await run(links, ['import', 'ny', fresh, '--out', folder]);
    expect(code).toBe(1);
    expect(output).toContain(`--out ${folder}: is a folder; give a file name, e.g. ${path.join(folder, 'mailing.csv')}`);
    const storage = await createStorage({ dataDir });
    expect(await storage.links.byCustomerId('ny', 'fresh1')).toBeUndefined();
    await storage.close();
  });

  it('with --update, takes a repaired name into the stored link, keeping its token', async () => {
    const repaired = path.join(work, 'repaired.csv');
    writeFileSync(repaired, 'customer_id;Имя\nc1;Ольга\n');
    const storage = await createStorage({ dataDir });
    const before = await storage.links.byCustomerId('ny', 'c1');
    await storage.close();
    const { code, output } = await run(links, ['import', 'ny', repaired, '--update', '--out', path.join(work, 'repaired-mail.csv')]);
    expect(code).toBe(0);
    expect(output).toContain('Updated the links of 1 already linked customers from this file (name: 1, segment: 0, spend: 0)');
    const after = await createStorage({ dataDir });
    expect(await after.links.byCustomerId('ny', 'c1')).toEqual({ ...before, name: 'Ольга' });
    await after.close();
  });

  it('explains a wrong command line', async () => {
    const { code, output } = await run(links, ['import', 'ny']);
    expect(code).toBe(2);
    expect(output).toContain('expected a project slug and a CSV file');
  });
});

describe('rekindle orders import', () => {
  it('adds orders once and reports duplicates on a second run', async () => {
    const file = path.join(work, 'orders.csv');
    writeFileSync(file, 'order_id,customer_id,ordered_at,amount\n1,c1,2020-12-20,4990\n2,stranger,2020-12-21,100\n');
    const first = await run(orders, ['import', 'ny', file]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.output).toContain('2 orders added, 0 already stored');
    expect(first.output).toContain('Orders of customers without a link in ny: 1');
    const second = await run(orders, ['import', 'ny', file]);
    expect(second.output).toContain('0 orders added, 2 already stored');
  });
});
