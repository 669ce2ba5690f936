import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicCsvWriter, discardStaged } from '../../../src/crm/csv-output.ts';

describe('a killed import', () => {
  it('leaves no partial mail-merge file once the next import of that file starts; a running one keeps its own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rekindle-partials-'));
    const out = path.join(dir, 'mailing.csv');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${out}.${deadPid}.partial`, 'customer_id,email\nc1,olga@example.ru\n');
      writeFileSync(`${out}.${running.pid}.partial`, 'customer_id,email\n');
      writeFileSync(path.join(dir, 'other.csv.123.partial'), '');
      const writer = await AtomicCsvWriter.open(out);
      const staged = await writer.finish();
      await discardStaged(staged);
      expect(readdirSync(dir).sort()).toEqual([`mailing.csv.${running.pid}.partial`, 'other.csv.123.partial']);
    } finally {
      running.kill();
    }
  });
});
