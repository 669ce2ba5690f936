import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import sharp from 'sharp';
import { shareRenders } from '../server/metrics.ts';
import { parseShareContent } from './content.ts';
import { assertShareFormat } from './formats.ts';
import { DiskBudget } from './disk-budget.ts';
import { LruCache } from './lru.ts';
import { cardSources, drawShareCard, RENDERER_VERSION, type CardSources } from './render.ts';
import type { ShareImage, ShareImageRequest, ShareRendition } from './types.ts';

/**
 * Widths of the smaller WebP copies of an og card for the share page's `srcset`: the page shows
 * the card at most 608 CSS px wide (360–412 px on a phone, 1.75–3× density), and a 1200 px PNG
 * there was its largest paint. Only these widths are made, so a client cannot make the server
 * encode arbitrary sizes.
 */
export const RENDITION_WIDTHS = [480, 800, 1200] as const;
export type RenditionWidth = (typeof RENDITION_WIDTHS)[number];

export function isRenditionWidth(value: number): value is RenditionWidth {
  return (RENDITION_WIDTHS as readonly number[]).includes(value);
}

/** WebP quality of the renditions: text edges stay crisp while a card is ~10× smaller than its PNG. */
const RENDITION_QUALITY = 82;

export interface ShareImageRendererOptions {
  /** Folder of rendered PNGs, e.g. `<dataDir>/share-cache`; created when missing. */
  cacheDir: string;
  /** Bytes of PNGs kept in memory. */
  memoryBytes?: number;
  /** Bytes of PNGs kept on disk; the least recently used go first. */
  diskBytes?: number;
  /** Cards drawn at once, whoever asks. @default 2 */
  concurrentDraws?: number;
  /** Cold renders waiting for a turn; beyond, a render is refused with ShareRenderBusy. @default 16 */
  queuedDraws?: number;
}

/**
 * Thrown when every drawing slot and the queue are taken: drawing is the costliest thing a
 * visitor can start (CPU and up to ~30 MB each), so a flood waits outside, not in memory.
 */
export class ShareRenderBusy extends Error {
  constructor() {
    super('every share image drawing slot is busy');
    this.name = 'ShareRenderBusy';
  }
}

export interface ShareImageStats {
  /** Cards actually drawn (satori + sharp). */
  draws: number;
  memoryHits: number;
  diskHits: number;
  /** Cold renders refused because the drawing queue was full. */
  refused: number;
}

interface Keyed {
  key: string;
  sources: CardSources;
}

const DEFAULT_MEMORY_BYTES = 32 * 1024 * 1024;
const DEFAULT_DISK_BYTES = 1024 * 1024 * 1024;

/**
 * Draws share images at most once. Images are content-addressed: the key hashes everything that
 * changes the picture (format, resolved layout, content, the project files it shows, renderer
 * version), so a key never needs invalidating and the PNG can be cached by browsers for a year.
 * Lookups go memory LRU → disk → draw; concurrent requests for one key share one draw; the disk
 * copy (written to a temporary file, then renamed) survives restarts and is shared by processes,
 * within a byte budget (see DiskBudget): any image can be drawn again.
 */
export class ShareImageRenderer {
  readonly stats: ShareImageStats = { draws: 0, memoryHits: 0, diskHits: 0, refused: 0 };
  readonly #drawSlots: LimitFunction;
  readonly #queuedDraws: number;
  readonly #dir: string;
  readonly #memory: LruCache<string, Buffer>;
  readonly #disk: DiskBudget;
  readonly #drawing = new Map<string, Promise<Buffer>>();
  #tempCounter = 0;

  constructor(options: ShareImageRendererOptions) {
    this.#dir = options.cacheDir;
    this.#memory = new LruCache(options.memoryBytes ?? DEFAULT_MEMORY_BYTES, (png) => png.byteLength);
    this.#disk = new DiskBudget(this.#dir, options.diskBytes ?? DEFAULT_DISK_BYTES);
    this.#drawSlots = pLimit(options.concurrentDraws ?? 2);
    this.#queuedDraws = options.queuedDraws ?? 16;
  }

  /**
   * The image, drawn only if `mayDraw` allows it when a draw is really needed: asked once per
   * draw, so concurrent requests for one uncached image share one draw and one permission.
   * Throws ShareDrawRefused when it says no.
   */
  async render(request: ShareImageRequest, mayDraw: () => boolean = () => true): Promise<ShareImage> {
    const { key, png } = await this.#renderKeyed(request, mayDraw);
    return { png, etag: etagFor(key) };
  }

  /**
   * The card as a WebP `width` px wide, made from its PNG (drawn first if needed, under the same
   * `mayDraw`) and cached beside it in memory and on disk like the PNG.
   */
  async rendition(request: ShareImageRequest, width: RenditionWidth, mayDraw: () => boolean = () => true): Promise<ShareRendition> {
    if (!isRenditionWidth(width)) throw new RangeError(`Share image width ${width} is not one of ${RENDITION_WIDTHS.join(', ')}.`);
    const { key: cardKey, sources } = await this.#key(request);
    const key = `${cardKey}-${width}`;
    const webp = await this.#cachedOrMade(key, 'webp', async () => {
      const { png } = await this.#renderKeyed(request, mayDraw, { key: cardKey, sources });
      return this.#drawSlots(() => sharp(png).resize({ width }).webp({ quality: RENDITION_QUALITY }).toBuffer());
    });
    return { webp, etag: etagFor(cardKey, `-${width}w`) };
  }

  async #renderKeyed(request: ShareImageRequest, mayDraw: () => boolean, keyed?: Keyed): Promise<{ key: string; png: Buffer }> {
    const { key, sources } = keyed ?? (await this.#key(request));
    const png = await this.#cachedOrMade(key, 'png', async () => {
      if (!mayDraw()) throw new ShareDrawRefused();
      return this.#draw(request, sources);
    });
    return { key, png };
  }

  /**
   * memory → a make already under way → disk → `make`; concurrent requests for one key share one
   * make, and what is made is written to disk and kept in memory.
   */
  async #cachedOrMade(key: string, extension: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const cacheKey = `${key}.${extension}`;
    const inMemory = this.#memory.get(cacheKey);
    if (inMemory) {
      this.stats.memoryHits += 1;
      shareRenders.inc({ outcome: 'cached' });
      return inMemory;
    }
    let pending = this.#drawing.get(cacheKey);
    if (!pending) {
      pending = this.#loadOrMake(cacheKey, make).finally(() => this.#drawing.delete(cacheKey));
      this.#drawing.set(cacheKey, pending);
    }
    return pending;
  }

  /** True when `render` would answer without drawing: the image is in memory or on disk. */
  async isCached(request: ShareImageRequest): Promise<boolean> {
    const { key } = await this.#key(request);
    const cacheKey = `${key}.png`;
    if (this.#memory.has(cacheKey) || this.#drawing.has(cacheKey)) return true;
    return (await this.#readDisk(cacheKey)) !== undefined;
  }

  async #key(request: ShareImageRequest): Promise<Keyed> {
    assertShareFormat(request.format);
    const content = parseShareContent(request.content);
    const sources = await cardSources(request);
    const files = [
      sources.background.kind === 'image' ? sources.background.file.fingerprint : null,
      sources.logo?.fingerprint ?? null,
      sources.picture?.fingerprint ?? null,
    ];
    const identity = JSON.stringify([RENDERER_VERSION, request.project.slug, request.format, sources.layout, files, content]);
    return { key: createHash('sha256').update(identity).digest('hex'), sources };
  }

  async #loadOrMake(cacheKey: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const stored = await this.#readDisk(cacheKey);
    if (stored) {
      this.stats.diskHits += 1;
      shareRenders.inc({ outcome: 'cached' });
      this.#memory.set(cacheKey, stored);
      void this.#disk.used(this.#path(cacheKey).file);
      return stored;
    }
    const made = await make();
    await this.#writeDisk(cacheKey, made);
    this.#memory.set(cacheKey, made);
    this.#keepWithinBudget(made.byteLength);
    return made;
  }

  #draw(request: ShareImageRequest, sources: CardSources): Promise<Buffer> {
    if (this.#drawSlots.pendingCount >= this.#queuedDraws) {
      this.stats.refused += 1;
      shareRenders.inc({ outcome: 'refused' });
      throw new ShareRenderBusy();
    }
    return this.#drawSlots(() => {
      this.stats.draws += 1;
      shareRenders.inc({ outcome: 'cold' });
      return drawShareCard(request, sources);
    });
  }

  /** Pruning runs behind the answer; if it fails the image was still served, so it is only logged. */
  #keepWithinBudget(bytes: number): void {
    this.#disk.added(bytes).catch((error: unknown) => {
      console.warn(JSON.stringify({ event: 'share-cache-prune-failed', dir: this.#dir, error: (error as Error).message }));
    });
  }

  /** `cacheKey` is the key with its file extension, e.g. `<sha256>.png` or `<sha256>-480.webp`. */
  #path(cacheKey: string): { folder: string; file: string } {
    const folder = join(this.#dir, cacheKey.slice(0, 2));
    return { folder, file: join(folder, cacheKey) };
  }

  async #readDisk(cacheKey: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.#path(cacheKey).file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async #writeDisk(cacheKey: string, bytes: Buffer): Promise<void> {
    const { folder, file } = this.#path(cacheKey);
    await mkdir(folder, { recursive: true });
    this.#tempCounter += 1;
    const temporary = `${file}.${process.pid}.${this.#tempCounter}.tmp`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** A draw the caller's `mayDraw` refused, e.g. a client over its rate limit. */
export class ShareDrawRefused extends Error {
  constructor() {
    super('drawing this share image was refused');
  }
}

/** A strong ETag: equal keys (and renditions) mean byte-identical images. */
function etagFor(key: string, rendition = ''): string {
  return `"${key.slice(0, 32)}${rendition}"`;
}
