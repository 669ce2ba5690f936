import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { customAlphabet } from 'nanoid';
import { fsyncDirectory, isProcessAlive, mkdirDurably } from './durable-fs.ts';
import { listSegments, segmentFileName, writerId, type Segment, type WriterIdentity } from './segments.ts';

/** Tells apart two writers of one process (e.g. two stores opened by tests). */
const writerNonce = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 8);

/** Writers open in this process: a segment with our pid is live only if its writer is listed here. */
const liveWriters = new Set<string>();

/** Whether the process that wrote a segment may still append to it (its last line may be unfinished). */
export function isSegmentWriterLive(segment: Segment): boolean {
  return segment.pid === process.pid ? liveWriters.has(writerId(segment)) : isProcessAlive(segment.pid);
}

interface PendingAppend {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * An append-only log in one folder with group commit: appends that arrive while a write is in
 * flight are joined into the next single write + fdatasync, and each caller's promise resolves
 * only once its own bytes are synced. A segment that would grow past `segmentBytes` is closed
 * and the next one started.
 */
export class GroupCommitLog {
  readonly identity: WriterIdentity;
  readonly #dir: string;
  readonly #segmentBytes: number;
  #queue: PendingAppend[] = [];
  #flushing: Promise<void> | undefined;
  #handle: FileHandle | undefined;
  #seq = 0;
  #size = 0;
  /** Set when a failed write could not be undone: appending after a torn line would corrupt it. */
  #broken: Error | undefined;
  #closed = false;

  private constructor(dir: string, identity: WriterIdentity, segmentBytes: number) {
    this.#dir = dir;
    this.identity = identity;
    this.#segmentBytes = segmentBytes;
  }

  static async open(dir: string, segmentBytes: number): Promise<GroupCommitLog> {
    await mkdirDurably(dir);
    const epoch = Math.max(0, ...(await listSegments(dir)).map((segment) => segment.epoch)) + 1;
    const identity = { epoch, pid: process.pid, nonce: writerNonce() };
    liveWriters.add(writerId(identity));
    return new GroupCommitLog(dir, identity, segmentBytes);
  }

  /** `text` is one or more complete lines; resolves once they are on disk. */
  append(text: string): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`log ${this.#dir} is closed; expected appends before close()`));
    if (this.#broken) return Promise.reject(this.#broken);
    return new Promise((resolve, reject) => {
      this.#queue.push({ text, resolve, reject });
      this.#flushing ??= this.#flushQueue();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#flushing;
    await this.#handle?.close();
    this.#handle = undefined;
    liveWriters.delete(writerId(this.identity));
  }

  async #flushQueue(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        try {
          await this.#writeDurably(Buffer.from(batch.map((pending) => pending.text).join('')));
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  async #writeDurably(bytes: Buffer): Promise<void> {
    if (this.#broken) throw this.#broken;
    const handle = await this.#segmentFor(bytes.length);
    const sizeBefore = this.#size;
    try {
      for (let written = 0; written < bytes.length; ) {
        written += (await handle.write(bytes, written, bytes.length - written, sizeBefore + written)).bytesWritten;
      }
      await handle.datasync();
      this.#size += bytes.length;
    } catch (error) {
      await this.#undoPartialWrite(handle, sizeBefore, error);
      throw error;
    }
  }

  async #undoPartialWrite(handle: FileHandle, size: number, cause: unknown): Promise<void> {
    try {
      await handle.truncate(size);
    } catch {
      this.#broken = new Error(`log ${this.#dir}: a failed write could not be rolled back, so this process stops appending; restart it`, {
        cause,
      });
    }
  }

  async #segmentFor(incomingBytes: number): Promise<FileHandle> {
    if (this.#handle && this.#size > 0 && this.#size + incomingBytes > this.#segmentBytes) {
      await this.#handle.close();
      this.#handle = undefined;
    }
    if (!this.#handle) {
      this.#seq += 1;
      this.#handle = await open(join(this.#dir, segmentFileName(this.identity, this.#seq)), 'wx');
      this.#size = 0;
      await fsyncDirectory(this.#dir);
    }
    return this.#handle;
  }
}
