import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadProject, type LoadedProject } from '../../../../src/config/load.ts';

/** A wheel project of the test's own, written to a temporary folder and loaded like any project. */
export async function wheelProject(own: Record<string, unknown>, files: Record<string, string> = {}): Promise<LoadedProject> {
  const slug = 'test-wheel';
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'rekindle-wheel-')), slug);
  await mkdir(path.join(dir, 'gifts'), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  const config = {
    slug,
    locale: 'ru',
    title: 'Колесо',
    branding: { brandName: 'Тест' },
    intro: { title: 'Колесо', startButton: 'К колесу' },
    gift: { kind: 'link', title: 'Утешительный подарок', url: 'https://shop.example.ru/' },
    tiers: [
      { name: 'regular', maxSpend: 3000 },
      { name: 'vip', minSpend: 3000 },
    ],
    share: { title: '{title}', description: 'Колесо', callToAction: 'Крутить' },
    reactivation: { forecast: 1 },
    kind: 'wheel',
    ...own,
  };
  await writeFile(path.join(dir, 'project.yaml'), stringify(config));
  return loadProject(dir);
}

export const link = (title: string) => ({ kind: 'link', title, url: 'https://shop.example.ru/prize' });
