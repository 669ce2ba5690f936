import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font as SatoriFont } from 'satori';

/** The bundled font families a project can pick in `branding.font`. */
export type FontFamily = 'pt-sans' | 'pt-serif';
export type FontWeight = 400 | 700;

const FAMILY_NAMES: Record<FontFamily, string> = { 'pt-sans': 'PT Sans', 'pt-serif': 'PT Serif' };

/**
 * @fontsource splits each font by script. Every subset is loaded: the Cyrillic one alone has no
 * digits or Latin punctuation, which satori would draw as empty boxes. Latin comes first so
 * shared characters (digits, quotes, dashes) resolve to the same shapes everywhere.
 */
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
const WEIGHTS: readonly FontWeight[] = [400, 700];

export interface LoadedFamily {
  /**
   * The `fontFamily` value for satori styles, one name per subset: satori keeps one font per
   * name and weight, and falls back to the next name only for characters the first one lacks.
   */
  fontFamily: string;
  /** The same array on every call, so satori parses these fonts only once (it caches by array). */
  satoriFonts: SatoriFont[];
  /** Advance width of each character in em, per weight, for fitting text before layout. */
  advances: Record<FontWeight, Map<number, number>>;
}

const require = createRequire(import.meta.url);
// Loaded through require: the package is CommonJS and its typings have no default export.
const fontkit = require('@pdf-lib/fontkit') as typeof import('@pdf-lib/fontkit');

const families = new Map<FontFamily, Promise<LoadedFamily>>();

/**
 * Loads a family's WOFF files once per process; re-reading them for each render would cost
 * tens of milliseconds and keep growing satori's font cache.
 */
export function loadFamily(family: FontFamily): Promise<LoadedFamily> {
  let loaded = families.get(family);
  if (!loaded) {
    loaded = readFamily(family);
    loaded.catch(() => families.delete(family));
    families.set(family, loaded);
  }
  return loaded;
}

async function readFamily(family: FontFamily): Promise<LoadedFamily> {
  const subsetNames = SUBSETS.map((subset) => `${FAMILY_NAMES[family]} ${subset}`);
  const satoriFonts: SatoriFont[] = [];
  const advances: Record<FontWeight, Map<number, number>> = { 400: new Map(), 700: new Map() };
  for (const weight of WEIGHTS) {
    for (const [index, subset] of SUBSETS.entries()) {
      const file = require.resolve(`@fontsource/${family}/files/${family}-${subset}-${weight}-normal.woff`);
      const data = await readFile(file);
      satoriFonts.push({ name: subsetNames[index]!, data, weight, style: 'normal' });
      addAdvances(advances[weight], data);
    }
  }
  return { fontFamily: subsetNames.join(', '), satoriFonts, advances };
}

/**
 * Reads each character's advance from the font's metrics table. Asking each glyph for its
 * `advanceWidth` decoded its outline too (for a bounding box), some 250 ms per family, blocking
 * the event loop at a server's first share.
 */
function addAdvances(into: Map<number, number>, data: Buffer): void {
  const font = fontkit.create(data);
  const metrics = (font as unknown as HorizontalMetrics).hmtx.metrics;
  for (const codePoint of font.characterSet) {
    if (into.has(codePoint)) continue;
    // Glyphs past the table's end share its last advance (the OpenType hmtx rule).
    const { advance } = metrics.get(Math.min(font.glyphForCodePoint(codePoint).id, metrics.length - 1));
    into.set(codePoint, advance / font.unitsPerEm);
  }
}

/** fontkit's parsed `hmtx` table, which its typings leave out. */
interface HorizontalMetrics {
  hmtx: { metrics: { length: number; get(index: number): { advance: number } } };
}
