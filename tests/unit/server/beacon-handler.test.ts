import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBeacon, type BeaconRequest } from '../../../src/server/beacon-handler.ts';
import { HttpError } from '../../../src/server/http.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

const ORIGIN = 'https://promo.example.ru';

function beacon(overrides: Partial<BeaconRequest> = {}): BeaconRequest {
  return {
    slug: 'broken-project',
    kind: 'visit',
    origin: ORIGIN,
    fetchSite: 'same-origin',
    publicOrigin: ORIGIN,
    cookie: () => undefined,
    userAgent: 'Mozilla/5.0',
    readBody: async () => '{}',
    ...overrides,
  };
}

async function outcome(request: BeaconRequest): Promise<string> {
  try {
    await recordBeacon(request);
    return 'recorded';
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('recordBeacon (the one handler of both beacon routes)', () => {
  const previous = process.env.REKINDLE_PROJECTS_DIR;
  beforeAll(() => {
    const projects = mkdtempSync(path.join(tmpdir(), 'rekindle-projects-'));
    mkdirSync(path.join(projects, 'broken-project'));
    writeFileSync(path.join(projects, 'broken-project', 'project.yaml'), 'kind: no-such-mechanic\n');
    process.env.REKINDLE_PROJECTS_DIR = projects;
    reloadSettings();
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.REKINDLE_PROJECTS_DIR;
    else process.env.REKINDLE_PROJECTS_DIR = previous;
    reloadSettings();
  });

  it('answers a broken project with 503 and a missing one with 404, like every other route', async () => {
    expect(await outcome(beacon())).toBe('503 project-unavailable');
    expect(await outcome(beacon({ slug: 'no-such-project' }))).toBe('404 project-not-found');
  });

  it('checks the kind, then the origin, before any work', async () => {
    expect(await outcome(beacon({ kind: 'delete' }))).toBe('404 not-found');
    expect(await outcome(beacon({ origin: 'https://evil.example' }))).toBe('403 cross-origin');
  });
});
