import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { mechanics } from '../../src/mechanics/registry.ts';

/**
 * What a play page costs a phone: every script file it downloads until its game is on screen,
 * gzip'd. Each page loads only its own mechanic's player, so this stays flat as mechanics are
 * added; the gift panel and share buttons come later, once the play is complete. Astro's inline
 * island bootstrap (≈1.8 KB gzip, the same on every page with an island) is logged, not counted.
 */
const BUDGET_BYTES = 25 * 1024;

function projectOfEachKind(): Map<string, string> {
  const byKind = new Map<string, string>();
  for (const slug of readdirSync('projects')) {
    const config = parseYaml(readFileSync(path.join('projects', slug, 'project.yaml'), 'utf8')) as { kind: string; locale?: string };
    if (!byKind.has(config.kind) || config.locale !== 'en') byKind.set(config.kind, slug);
  }
  return byKind;
}

const projects = projectOfEachKind();

test('every mechanic has an example project to measure', () => {
  expect(mechanics.map((mechanic) => mechanic.kind).filter((kind) => !projects.has(kind))).toEqual([]);
});

for (const mechanic of mechanics) {
  test(`a ${mechanic.kind} page loads at most 25 KB of gzip'd JavaScript to show its game`, async ({ page }) => {
    const slug = projects.get(mechanic.kind);
    test.skip(!slug, 'no example project (the test above fails for it)');
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.set(new URL(response.url()).pathname, gzipSync(await response.body()).length);
    });
    await page.goto(`/${slug}`);
    const playerChunk = page.waitForResponse((response) => /\/Player\.[\w-]+\.js$/.test(response.url()));
    await page.getByRole('button').first().click();
    await playerChunk;
    await expect(page.locator('[aria-live="polite"]', { hasText: /Загрузка|Loading/ })).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    const inline = await page.locator('script:not([src])').allTextContents();
    const inlineBytes = inline.reduce((sum, text) => sum + gzipSync(text).length, 0);
    const total = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
    const list = [...scripts.entries()].map(([name, bytes]) => `${name} ${bytes}`).join(', ');
    console.log(`${mechanic.kind} (${slug}): ${total} bytes gzip = ${list}, inline ${inlineBytes}`);
    expect(total, list).toBeLessThanOrEqual(BUDGET_BYTES);
    expect([...scripts.keys()].filter((name) => name.includes('Player.')).length).toBe(1);
  });
}
