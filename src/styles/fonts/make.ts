/**
 * Makes the page fonts in this folder from @fontsource's WOFF2 files: the same families, weights
 * and unicode-range subsets, with the TrueType hinting instructions removed. PT Sans and PT Serif
 * carry heavy hinting that phones and current desktop browsers do not use, and it was 3/4 of the
 * bytes: the four files of a Russian page go from 149 KiB to 34 KiB. Satori and the PDF gifts
 * keep reading @fontsource's files directly.
 * Needs fontTools with brotli (Debian: apt-get install python3-fonttools python3-brotli).
 * Run after updating @fontsource: node src/styles/fonts/make.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_FONT_FAMILIES, PAGE_FONT_WEIGHTS } from './families.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

const rules: string[] = [];
for (const family of PAGE_FONT_FAMILIES) {
  for (const weight of PAGE_FONT_WEIGHTS) {
    const css = readFileSync(require.resolve(`@fontsource/${family}/${weight}.css`), 'utf8');
    for (const face of css.matchAll(/\/\* (\S+) \*\/\s*@font-face \{([^}]*)\}/g)) {
      const [, name, body] = face as unknown as [string, string, string];
      const source = require.resolve(`@fontsource/${family}/files/${name}.woff2`);
      execFileSync(PYTHON, [
        '-m',
        'fontTools.subset',
        source,
        '--unicodes=*',
        '--no-hinting',
        '--flavor=woff2',
        `--output-file=${join(HERE, `${name}.woff2`)}`,
      ]);
      rules.push(`@font-face {${body.replace(/src: [^;]+;/, `src: url(./${name}.woff2) format('woff2');`)}}`);
    }
  }
}
const header = '/* Made by make.ts from @fontsource (OFL-1.1, see OFL-*.txt): hinting removed, nothing else changed. */';
writeFileSync(join(HERE, 'fonts.css'), `${header}\n${rules.join('\n')}\n`);
for (const family of PAGE_FONT_FAMILIES) {
  writeFileSync(join(HERE, `OFL-${family}.txt`), readFileSync(require.resolve(`@fontsource/${family}/LICENSE`)));
}
