import path from 'node:path';
import type { APIContext, AstroCookies } from 'astro';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/storage/index.ts', async (original) => ({
  ...(await original<typeof import('../../../src/storage/index.ts')>()),
  getStorage: vi.fn(() => {
    throw new Error('a refused preview must not reach the project’s store');
  }),
}));
import type { LoadedProject } from '../../../src/config/load.ts';
import { reloadSettings } from '../../../src/environment/index.ts';
import { previewStorage, previewToken, startPreview } from '../../../src/play/preview.ts';
import { playerRequest } from '../../../src/server/api.ts';
import { HttpError } from '../../../src/server/http.ts';
import { getStorage } from '../../../src/storage/index.ts';
import { surveyProject } from '../mechanics/survey/fixtures.ts';

/** The cookie jar of one browser, as Astro hands it to a page and a route. */
function cookieJar(): AstroCookies {
  const values = new Map<string, string>();
  return {
    get: (name: string) => (values.has(name) ? { value: values.get(name) } : undefined),
    has: (name: string) => values.has(name),
    set: (name: string, value: string) => void values.set(name, value),
    delete: (name: string) => void values.delete(name),
    /** Only for the forging test: what an attacker could write into the jar. */
    forge: (change: (value: string) => string) => {
      for (const [name, value] of values) values.set(name, change(value));
    },
  } as unknown as AstroCookies;
}

let project: LoadedProject;

beforeAll(async () => {
  project = await surveyProject();
  vi.stubEnv('REKINDLE_PROJECTS_DIR', path.dirname(project.dir));
  reloadSettings();
});

afterAll(() => {
  vi.unstubAllEnvs();
  reloadSettings();
});

function apiRequest(cookies: AstroCookies): APIContext {
  return {
    params: { slug: project.slug },
    cookies,
    request: new Request(`http://localhost/api/${project.slug}/start`),
    locals: { request: { publicOrigin: 'http://localhost' } },
  } as unknown as APIContext;
}

async function refusal(cookies: AstroCookies): Promise<HttpError> {
  const error = await playerRequest(apiRequest(cookies), { changesState: false }).catch((caught: unknown) => caught);
  if (!(error instanceof HttpError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('a preview cookie the server no longer accepts', () => {
  it('is accepted while its link is valid, in the preview store', async () => {
    const cookies = cookieJar();
    startPreview(project.slug, previewToken(project.slug, new Date(Date.now() + 60_000)), cookies, false);
    const play = await playerRequest(apiRequest(cookies), { changesState: false });
    expect(play).toMatchObject({ preview: true, storage: previewStorage() });
  });

  it('is refused once the link has expired, saying so in the project’s language, and nothing is counted', async () => {
    const cookies = cookieJar();
    startPreview(project.slug, previewToken(project.slug, new Date(Date.now() + 60_000)), cookies, false);
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ['Date'] });
    try {
      const error = await refusal(cookies);
      expect(error).toMatchObject({ status: 403, code: 'preview-expired' });
      expect(error.message).toBe('Ссылка предпросмотра недействительна или устарела — попросите новую в кабинете.');
    } finally {
      vi.useRealTimers();
    }
    expect(getStorage).not.toHaveBeenCalled();
  });

  it('is refused when forged: a changed player or expiry breaks the signature', async () => {
    const cookies = cookieJar();
    startPreview(project.slug, previewToken(project.slug, new Date(Date.now() + 60_000)), cookies, false);
    (cookies as unknown as { forge: (change: (value: string) => string) => void }).forge((value) =>
      value.replace(/:(\d+)\./, (_, expiry: string) => `:${Number(expiry) + 1}.`),
    );
    expect(await refusal(cookies)).toMatchObject({ status: 403, code: 'preview-expired' });
    expect(getStorage).not.toHaveBeenCalled();
  });
});
