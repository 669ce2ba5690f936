import path from 'node:path';
import type { APIContext } from 'astro';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/share/route.ts', async (original) => ({
  ...(await original<typeof import('../../../src/share/route.ts')>()),
  shareImageResponse: vi.fn(async () => new Response(null, { status: 204 })),
}));
import { reloadSettings } from '../../../src/environment/index.ts';
import { GET as galleryImage } from '../../../src/pages/admin/[slug]/gallery/[index]/[format].png.ts';
import { GET as projectPreviewImage } from '../../../src/pages/[slug]/og.png.ts';
import { shareImageResponse } from '../../../src/share/route.ts';

beforeAll(() => {
  vi.stubEnv('REKINDLE_PROJECTS_DIR', path.resolve('projects'));
  reloadSettings();
});
afterAll(() => {
  vi.unstubAllEnvs();
  reloadSettings();
});

/** A request that came through the proxy: the socket is the proxy's, the visitor is who X-Forwarded-For names. */
function throughProxy(params: Record<string, string>, admin?: { status: string }): APIContext {
  return {
    params,
    request: new Request('http://127.0.0.1/x'),
    clientAddress: '127.0.0.1',
    locals: { request: { publicOrigin: 'https://promo.example.ru', clientAddress: '203.0.113.7', secure: true }, admin },
  } as unknown as APIContext;
}

describe('cold renders of project images are budgeted per visitor, not per proxy', () => {
  it('counts the project link preview against the visitor’s address', async () => {
    await projectPreviewImage(throughProxy({ slug: 'new-year-traditions' }));
    expect(vi.mocked(shareImageResponse).mock.lastCall?.[0]).toMatchObject({ clientKey: '203.0.113.7' });
  });

  it('counts a gallery image of a server without an admin password against the viewer’s address', async () => {
    await galleryImage(throughProxy({ slug: 'new-year-traditions', index: '6', format: 'og' }, { status: 'unconfigured' }));
    expect(vi.mocked(shareImageResponse).mock.lastCall?.[0]).toMatchObject({ clientKey: '203.0.113.7' });
  });
});
