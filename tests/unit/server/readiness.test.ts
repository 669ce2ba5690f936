import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertReady } from '../../../src/server/readiness.ts';
import { HttpError } from '../../../src/server/http.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

describe('assertReady', () => {
  beforeAll(() => {
    process.env.REKINDLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'rekindle-ready-store-'));
    reloadSettings();
  });

  it('is ready when the data folder takes a durable write, and leaves nothing behind', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rekindle-ready-'));
    await expect(assertReady(dataDir)).resolves.toBeUndefined();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('answers 503 with Retry-After when the data folder cannot be written', async () => {
    const notAFolder = path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-ready-')), 'file');
    writeFileSync(notAFolder, '');
    const refusal = await assertReady(notAFolder).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HttpError);
    expect(refusal).toMatchObject({ status: 503, code: 'not-ready', headers: { 'Retry-After': '10' } });
  });
});
