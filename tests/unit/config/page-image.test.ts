import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assetVersion } from '../../../src/config/asset-url.ts';
import { pageImage } from '../../../src/config/page-image.ts';

let root: string;
let project: { slug: string; dir: string };
const logo = (width: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 44" width="${width}" height="44"><rect width="${width}" height="44" fill="#e30613"/></svg>`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rekindle-page-image-'));
  project = { slug: 'demo', dir: join(root, 'project') };
  await mkdir(join(project.dir, 'assets'), { recursive: true });
  await writeFile(join(project.dir, 'assets', 'logo.svg'), logo(148));
  await writeFile(join(root, 'outside.svg'), logo(10));
  await symlink(join(root, 'outside.svg'), join(project.dir, 'assets', 'escape.svg'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('pageImage', () => {
  it('gives the logo a URL pinned to its bytes and its intrinsic size', async () => {
    const image = await pageImage(project, 'assets/logo.svg');
    expect(image).toEqual({
      url: `/assets/demo/assets/logo.svg?v=${assetVersion(Buffer.from(logo(148)))}`,
      width: 148,
      height: 44,
    });
  });

  it('gives a changed file a new URL and size within a second, without looking at the file on every page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const before = await pageImage(project, 'assets/logo.svg');
      await writeFile(join(project.dir, 'assets', 'logo.svg'), logo(200));
      expect(await pageImage(project, 'assets/logo.svg')).toEqual(before);
      vi.advanceTimersByTime(1000);
      const after = await pageImage(project, 'assets/logo.svg');
      expect(after.url).not.toBe(before.url);
      expect(after).toMatchObject({ width: 200, height: 44 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the plain URL, without reading it, for a missing file or one outside the folder', async () => {
    expect(await pageImage(project, 'assets/missing.svg')).toEqual({ url: '/assets/demo/assets/missing.svg' });
    expect(await pageImage(project, 'assets/escape.svg')).toEqual({ url: '/assets/demo/assets/escape.svg' });
  });
});
