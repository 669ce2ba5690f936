import { readFileSync } from 'node:fs';
import { readTokenColumns, packedSource } from './src/storage/local/link-shards.ts';
import { TokenIndex } from './src/storage/local/token-index.ts';
const dir = '/tmp/ps/data/projects/bench/links';
const m = JSON.parse(readFileSync(dir + '/manifest.json','utf8'));
const sources = m.tokenShards.map((p: [number, number, number]) => packedSource(dir, p));
let read = 0, build = 0, n = 0;
for (const src of sources.slice(0, 400)) {
  const t0 = performance.now(); const { columns, latin1 } = await readTokenColumns(src); const t1 = performance.now();
  TokenIndex.of(columns, latin1); const t2 = performance.now(); read += t1 - t0; build += t2 - t1; n++;
}
console.log('read+parse µs', (read * 1000 / n).toFixed(0), 'build µs', (build * 1000 / n).toFixed(0));
