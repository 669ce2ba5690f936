import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { shareImageSchema } from '../../../src/config/schemas/share.ts';
import type { ShareProject } from '../../../src/share/types.ts';

export interface Fixture {
  root: string;
  projectDir: string;
  project(image?: Record<string, unknown>, logo?: string): ShareProject;
  cleanup(): Promise<void>;
}

/** A temporary project folder with a logo and a photo, plus a place outside it. */
export async function createFixture(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'rekindle-share-'));
  const projectDir = join(root, 'project');
  await mkdir(join(projectDir, 'assets'), { recursive: true });
  await sharp({ create: { width: 240, height: 80, channels: 4, background: '#e30613' } })
    .png()
    .toFile(join(projectDir, 'assets', 'logo.png'));
  await sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } })
    .jpeg()
    .toFile(join(projectDir, 'assets', 'photo.jpg'));
  await writeFile(join(projectDir, 'assets', 'notes.txt'), 'not an image');
  await writeFile(join(root, 'secret.png'), 'outside the project');
  return {
    root,
    projectDir,
    project: (image = {}, logo) => ({
      slug: 'demo',
      dir: projectDir,
      config: {
        locale: 'ru',
        branding: { brandName: 'Hoff', colors: { primary: '#e30613', onPrimary: '#ffffff' }, logo, font: 'pt-sans' },
        share: { image: shareImageSchema.parse(image) },
      },
    }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Raw RGB pixels of a PNG. */
export async function pixels(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** How many pixels inside the rectangle differ from `other` by more than `threshold` in a channel. */
export function differingPixels(
  a: { data: Buffer; width: number },
  b: { data: Buffer },
  area: { left: number; top: number; width: number; height: number },
  threshold = 24,
): number {
  let count = 0;
  for (let y = area.top; y < area.top + area.height; y++) {
    for (let x = area.left; x < area.left + area.width; x++) {
      const offset = (y * a.width + x) * 3;
      for (let channel = 0; channel < 3; channel++) {
        if (Math.abs(a.data[offset + channel]! - b.data[offset + channel]!) > threshold) {
          count += 1;
          break;
        }
      }
    }
  }
  return count;
}
