import { processShared } from '../../lib/process-shared.ts';
import { open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { customAlphabet } from 'nanoid';
import { z } from 'zod';
import type { OutboxDelivery, OutboxEntry, WebhookOutbox } from '../types.ts';
import { fsyncDirectory, isNotFound, isProcessAlive, mkdirDurably, writeFileAtomically } from './durable-fs.ts';
import { withFileLock } from './file-lock.ts';

const payloadSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['complete', 'gift-open']),
  project: z.string(),
  occurredAt: z.string(),
  customerId: z.string().nullable(),
  player: z.enum(['link', 'anon']),
  summary: z
    .object({
      title: z.string(),
      score: z.object({ value: z.number(), of: z.number() }).optional(),
      facts: z.record(z.string(), z.string()).optional(),
    })
    .nullable(),
});

const deliverySchema = z.object({
  payload: payloadSchema,
  url: z.string(),
  secretEnv: z.string(),
  attempts: z.number().int().nonnegative(),
  retryAt: z.string().optional(),
}) satisfies z.ZodType<OutboxDelivery>;

/** One line of an outbox file. A delivery is pending from `queued` until `delivered` or `gave-up`. */
const outboxLineSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('queued'), delivery: deliverySchema }),
  z.object({ op: z.literal('retry'), id: z.string(), attempts: z.number(), result: z.string(), retryAt: z.string() }),
  z.object({ op: z.literal('delivered'), id: z.string(), attempts: z.number(), status: z.number(), at: z.string() }),
  z.object({ op: z.literal('gave-up'), id: z.string(), attempts: z.number(), result: z.string(), at: z.string() }),
]) satisfies z.ZodType<OutboxEntry>;
type OutboxLine = OutboxEntry;

/** Tells apart two outboxes of one process (the dev server may load this module twice). */
const outboxNonce = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 10);
const OUTBOX_NAME = /^outbox-(\d+)-([0-9a-z]+)\.jsonl$/;
/** Outbox files open in this process: a file bearing our pid is abandoned only if it is not listed. */
function liveOutboxes(): Set<string> {
  return processShared('webhooks.live-outboxes', () => new Set<string>());
}

function isAbandoned(name: string): boolean {
  const pid = Number(OUTBOX_NAME.exec(name)?.[1]);
  return pid === process.pid ? !liveOutboxes().has(name) : !isProcessAlive(pid);
}

type Write = { kind: 'append' | 'rewrite'; text: string; resolve: () => void; reject: (error: unknown) => void };

/**
 * This process's append-only outbox file, `outbox-<pid>-<nonce>.jsonl`. Each process writes only
 * its own file, so the server and a second server on the same data dir never interleave lines;
 * files of processes that died are adopted by the next one to look (see `adoptAbandoned`).
 * Appends that arrive while a write is in flight share the next write and fdatasync.
 */
export class OutboxFile implements WebhookOutbox {
  readonly dir: string;
  readonly name: string;
  #handle: FileHandle;
  #writes: Write[] = [];
  #flushing: Promise<void> | undefined;
  /** Bytes in the file, to decide when to compact it. */
  #size = 0;
  /** Set when a write failed: appending after a torn line would glue two records together. */
  #broken: Error | undefined;

  private constructor(dir: string, name: string, handle: FileHandle) {
    this.dir = dir;
    this.name = name;
    this.#handle = handle;
  }

  static async open(dir: string): Promise<OutboxFile> {
    await mkdirDurably(dir);
    const name = `outbox-${process.pid}-${outboxNonce()}.jsonl`;
    const handle = await open(join(dir, name), 'a');
    await fsyncDirectory(dir);
    liveOutboxes().add(name);
    return new OutboxFile(dir, name, handle);
  }

  get size(): number {
    return this.#size;
  }

  /** Resolves once the lines are on disk. */
  append(lines: readonly OutboxLine[]): Promise<void> {
    return this.#enqueueWrite('append', lines);
  }

  /** Replaces the whole file with the pending deliveries, atomically. */
  compact(pending: readonly OutboxDelivery[]): Promise<void> {
    return this.#enqueueWrite('rewrite', pending.map(queuedLine));
  }

  adoptAbandoned(isKnown: (id: string) => boolean): Promise<{ adopted: OutboxDelivery[]; unreadableLines: number }> {
    return adoptAbandoned(this, isKnown);
  }

  /** Waits for queued writes; `remove` deletes the file, for an outbox with nothing pending. */
  async close({ remove }: { remove: boolean }): Promise<void> {
    await this.#flushing;
    await this.#handle.close();
    if (remove) {
      await rm(join(this.dir, this.name), { force: true });
      await fsyncDirectory(this.dir);
    }
    liveOutboxes().delete(this.name);
  }

  #enqueueWrite(kind: Write['kind'], lines: readonly OutboxLine[]): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    return new Promise((resolve, reject) => {
      this.#writes.push({ kind, text, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  async #flush(): Promise<void> {
    try {
      while (this.#writes.length > 0) {
        const first = this.#writes[0]!;
        const batch = first.kind === 'rewrite' ? this.#writes.splice(0, 1) : this.#writes.splice(0, this.#leadingAppends());
        try {
          if (first.kind === 'rewrite') await this.#rewrite(first.text);
          else await this.#appendText(batch.map((write) => write.text).join(''));
          for (const write of batch) write.resolve();
        } catch (error) {
          this.#broken = new Error(`webhook outbox ${join(this.dir, this.name)} could not be written: ${String(error)}`);
          for (const write of [...batch, ...this.#writes.splice(0)]) write.reject(this.#broken);
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  #leadingAppends(): number {
    const rewriteAt = this.#writes.findIndex((write) => write.kind === 'rewrite');
    return rewriteAt === -1 ? this.#writes.length : rewriteAt;
  }

  async #appendText(text: string): Promise<void> {
    const bytes = Buffer.from(text);
    await this.#handle.write(bytes);
    await this.#handle.datasync();
    this.#size += bytes.length;
  }

  async #rewrite(text: string): Promise<void> {
    const path = join(this.dir, this.name);
    await this.#handle.close();
    await writeFileAtomically(path, text);
    this.#handle = await open(path, 'a');
    this.#size = Buffer.byteLength(text);
  }
}

/**
 * The lines of one outbox file. A crash can leave the last line half-written; it is skipped,
 * which only loses the record being written at the moment of the crash.
 */
export function parseOutbox(text: string): { lines: OutboxLine[]; unreadable: number } {
  const raws = text.split('\n');
  raws.pop(); // after the last newline: empty, or a line torn by a crash
  const lines: OutboxLine[] = [];
  let unreadable = 0;
  for (const raw of raws) {
    const parsed = outboxLineSchema.safeParse(safeJson(raw));
    if (parsed.success) lines.push(parsed.data);
    else unreadable += 1;
  }
  return { lines, unreadable };
}

/**
 * The deliveries still pending after `lines`, which may come from several files: `queued` lines
 * go first so a later file's retry or result finds its delivery whatever the file order.
 */
export function pendingDeliveries(lines: OutboxLine[]): OutboxDelivery[] {
  const pending = new Map<string, OutboxDelivery>();
  const finished = new Set<string>();
  for (const line of lines) {
    if (line.op !== 'queued') continue;
    const known = pending.get(line.delivery.payload.id);
    // The same delivery can sit in two files after a crash during adoption: keep the furthest along.
    if (!known || known.attempts < line.delivery.attempts) pending.set(line.delivery.payload.id, line.delivery);
  }
  for (const line of lines) {
    if (line.op === 'queued') continue;
    if (line.op !== 'retry') {
      finished.add(line.id);
      continue;
    }
    const delivery = pending.get(line.id);
    if (delivery && delivery.attempts <= line.attempts) {
      delivery.attempts = line.attempts;
      delivery.retryAt = line.retryAt;
    }
  }
  return [...pending.values()].filter((delivery) => !finished.has(delivery.payload.id));
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The line that restores a pending delivery, for compaction and adoption. */
export function queuedLine(delivery: OutboxDelivery): OutboxLine {
  return { op: 'queued', delivery };
}

/**
 * Takes over the outbox files of processes that are gone (crashed, or closed with deliveries
 * still pending): their pending deliveries are copied into `own`, synced, and only then are the
 * files removed, so a crash in between sends a delivery twice (receivers dedupe on its id) but
 * never loses one. A lock file keeps two processes from adopting the same file.
 */
export function adoptAbandoned(
  own: OutboxFile,
  isKnown: (id: string) => boolean,
): Promise<{ adopted: OutboxDelivery[]; unreadableLines: number }> {
  return withFileLock(join(own.dir, 'adopt.lock'), async () => {
    const names = (await readdir(own.dir)).filter((name) => OUTBOX_NAME.test(name) && isAbandoned(name));
    if (names.length === 0) return { adopted: [], unreadableLines: 0 };
    const lines: OutboxLine[] = [];
    let unreadableLines = 0;
    for (const name of names) {
      const parsed = parseOutbox(await readIfPresent(join(own.dir, name)));
      lines.push(...parsed.lines);
      unreadableLines += parsed.unreadable;
    }
    const adopted = pendingDeliveries(lines).filter((delivery) => !isKnown(delivery.payload.id));
    if (adopted.length > 0) await own.append(adopted.map(queuedLine));
    for (const name of names) await rm(join(own.dir, name), { force: true });
    await fsyncDirectory(own.dir);
    return { adopted, unreadableLines };
  });
}

async function readIfPresent(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return '';
    throw error;
  }
}
