import { open, type FileHandle } from 'node:fs/promises';

/** A byte range of a file. */
export interface ByteRange {
  offset: number;
  length: number;
}

/**
 * The pack file an import writes its new link shards into, one after another: one file and
 * one fsync per import instead of one per shard. At a million links that is two thousand
 * files, whose creation and fsyncs cost more on a busy disk than building the shards did.
 * Appends may run concurrently, since each takes its range when it is called. The file is
 * created at the first append, so an import that writes no shard leaves none.
 */
export class ShardPack {
  readonly path: string;
  #handle: Promise<FileHandle> | undefined;
  #size = 0;

  constructor(path: string) {
    this.path = path;
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.#size;
  }

  async append(bytes: Uint8Array): Promise<ByteRange> {
    const range = { offset: this.#size, length: bytes.length };
    this.#size += bytes.length;
    this.#handle ??= open(this.path, 'w');
    const handle = await this.#handle;
    for (let written = 0; written < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, range.offset + written);
      written += bytesWritten;
    }
    return range;
  }

  /** Makes everything appended durable and closes the file; the appends must have settled. */
  async finish(): Promise<void> {
    if (!this.#handle) return;
    const handle = await this.#handle;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Closes the file without making it durable, after a failed import that removes it. */
  async abandon(): Promise<void> {
    const handle = await this.#handle?.catch(() => undefined);
    await handle?.close();
  }
}

/** Reads a range of a file; throws when the file ends before the range does. */
export async function readRange(path: string, range: ByteRange): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(range.length);
    let read = 0;
    while (read < range.length) {
      const { bytesRead } = await handle.read(bytes, read, range.length - read, range.offset + read);
      if (bytesRead === 0)
        throw new Error(
          `${path} ends at byte ${range.offset + read}, before the ${range.length} bytes from ${range.offset}; the file is damaged`,
        );
      read += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
