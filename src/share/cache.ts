import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { shareRenders } from '../server/metrics.ts';
import { parseShareContent } from './content.ts';
import { assertShareFormat } from './formats.ts';
import { DiskBudget } from './disk-budget.ts';
import { LruCache } from './lru.ts';
import { cardSources, drawShareCard, RENDERER_VERSION, type CardSources } from './render.ts';
import type { ShareImage, ShareImageRequest } from './types.ts';

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
    const { key, sources } = await this.#key(request);
    const etag = etagFor(key);
    const inMemory = this.#memory.get(key);
    if (inMemory) {
      this.stats.memoryHits += 1;
      shareRenders.inc({ outcome: 'cached' });
      return { png: inMemory, etag };
    }
    let pending = this.#drawing.get(key);
    if (!pending) {
      pending = this.#loadOrDraw(key, request, sources, mayDraw).finally(() => this.#drawing.delete(key));
      this.#drawing.set(key, pending);
    }
    return { png: await pending, etag };
  }

  /** True when `render` would answer without drawing: the image is in memory or on disk. */
  async isCached(request: ShareImageRequest): Promise<boolean> {
    const { key } = await this.#key(request);
    if (this.#memory.has(key) || this.#drawing.has(key)) return true;
    return (await this.#readDisk(key)) !== undefined;
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

  async #loadOrDraw(key: string, request: ShareImageRequest, sources: CardSources, mayDraw: () => boolean): Promise<Buffer> {
    const stored = await this.#readDisk(key);
    if (stored) {
      this.stats.diskHits += 1;
      shareRenders.inc({ outcome: 'cached' });
      this.#memory.set(key, stored);
      void this.#disk.used(this.#path(key).file);
      return stored;
    }
    if (!mayDraw()) throw new ShareDrawRefused();
    if (this.#drawSlots.pendingCount >= this.#queuedDraws) {
      this.stats.refused += 1;
      shareRenders.inc({ outcome: 'refused' });
      throw new ShareRenderBusy();
    }
    const png = await this.#drawSlots(() => {
      this.stats.draws += 1;
      shareRenders.inc({ outcome: 'cold' });
      return drawShareCard(request, sources);
    });
    await this.#writeDisk(key, png);
    this.#memory.set(key, png);
    this.#keepWithinBudget(png.byteLength);
    return png;
  }

  /** Pruning runs behind the answer; if it fails the image was still served, so it is only logged. */
  #keepWithinBudget(bytes: number): void {
    this.#disk.added(bytes).catch((error: unknown) => {
      console.warn(JSON.stringify({ event: 'share-cache-prune-failed', dir: this.#dir, error: (error as Error).message }));
    });
  }

  #path(key: string): { folder: string; file: string } {
    const folder = join(this.#dir, key.slice(0, 2));
    return { folder, file: join(folder, `${key}.png`) };
  }

  async #readDisk(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.#path(key).file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async #writeDisk(key: string, png: Buffer): Promise<void> {
    const { folder, file } = this.#path(key);
    await mkdir(folder, { recursive: true });
    this.#tempCounter += 1;
    const temporary = `${file}.${process.pid}.${this.#tempCounter}.tmp`;
    try {
      await writeFile(temporary, png);
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

/** A strong ETag: equal keys mean byte-identical images. */
function etagFor(key: string): string {
  return `"${key.slice(0, 32)}"`;
}
