import { describe, expect, it } from 'vitest';
import { parseImportCommandLine } from '../../../src/crm/cli-support.ts';

describe('parseImportCommandLine', () => {
  it('reads flags as flags, wherever they stand', () => {
    expect(parseImportCommandLine(['import', 'ny', '--update', 'customers.csv', '--out', 'mail.csv'], ['out'], ['update'])).toEqual({
      slug: 'ny',
      file: 'customers.csv',
      options: { out: 'mail.csv' },
      flags: { update: true },
    });
    expect(parseImportCommandLine(['import', 'ny', 'customers.csv'], ['out'], ['update'])).toMatchObject({ flags: { update: false } });
  });

  it('refuses a flag given a value and an option whose value is missing', () => {
    expect(parseImportCommandLine(['import', 'ny', 'customers.csv', '--update=yes'], ['out'], ['update'])).toMatch(/--update/);
    expect(parseImportCommandLine(['import', 'ny', 'customers.csv', '--out'], ['out'], ['update'])).toMatch(/--out/);
  });
});
