/**
 * Child process of the share bench: one og card of the quiz example drawn in a fresh process, as
 * a server's first share after a start; prints the milliseconds from the first import to the PNG.
 */
const started = performance.now();
const { join } = await import('node:path');
const { fileURLToPath } = await import('node:url');
const { loadProject } = await import('../../src/config/load.ts');
const { cardSources, drawShareCard } = await import('../../src/share/render.ts');
const { rasteriseWithLibrsvg } = await import('../../src/share/rasterise.ts');

const project = await loadProject(join(fileURLToPath(new URL('../..', import.meta.url)), 'projects', 'new-year-traditions'));
const request = { project, content: { title: 'Я угадала 5 из 6 традиций! 🎄', score: { value: 5, of: 6 } }, format: 'og' as const };
await drawShareCard(request, await cardSources(request), rasteriseWithLibrsvg);
process.stdout.write(`${performance.now() - started}\n`);
