import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isNotFound } from './durable-fs.ts';

/**
 * Log segments are named `<epoch>-<pid>-<nonce>-<seq>.jsonl`. Each process that writes gets its
 * own writer id (epoch, pid, nonce) and appends only to its own files, so the server and a CLI
 * import never interleave inside a line. The epoch is one more than any epoch present when the
 * writer started, so replaying in (epoch, seq) order applies a later run's records last.
 */
export interface WriterIdentity {
  epoch: number;
  pid: number;
  nonce: string;
}

export interface Segment extends WriterIdentity {
  file: string;
  seq: number;
}

const SEGMENT_FILE = /^(\d+)-(\d+)-([A-Za-z0-9]+)-(\d+)\.jsonl$/;

export function writerId(identity: WriterIdentity): string {
  return `${String(identity.epoch).padStart(6, '0')}-${identity.pid}-${identity.nonce}`;
}

export function segmentFileName(identity: WriterIdentity, seq: number): string {
  return `${writerId(identity)}-${String(seq).padStart(4, '0')}.jsonl`;
}

/** The segments in a log folder in replay order; an absent folder has none. */
export async function listSegments(logDir: string): Promise<Segment[]> {
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const segments: Segment[] = [];
  for (const file of names) {
    const match = SEGMENT_FILE.exec(file);
    if (!match) continue;
    const [, epoch, pid, nonce, seq] = match;
    segments.push({ file, epoch: Number(epoch), pid: Number(pid), nonce: nonce ?? '', seq: Number(seq) });
  }
  return segments.sort((a, b) => a.epoch - b.epoch || a.pid - b.pid || a.nonce.localeCompare(b.nonce) || a.seq - b.seq);
}

export interface LineBatch {
  lines: string[];
  /** Byte offset just after the last line of this batch. */
  end: number;
}

const NEWLINE = 0x0a;

/**
 * Complete lines of a file from byte `start`, a read chunk at a time. Bytes after the last
 * newline are never yielded: they are a line still being written, or torn by a crash.
 */
export async function* readCompleteLines(path: string, start = 0): AsyncGenerator<LineBatch> {
  let carry: Buffer = Buffer.alloc(0);
  let offset = start;
  for await (const chunk of createReadStream(path, { start, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const lines: string[] = [];
    let lineStart = 0;
    for (let newline = buffer.indexOf(NEWLINE); newline !== -1; newline = buffer.indexOf(NEWLINE, lineStart)) {
      lines.push(buffer.toString('utf8', lineStart, newline));
      lineStart = newline + 1;
    }
    carry = buffer.subarray(lineStart);
    offset += lineStart;
    if (lines.length > 0) yield { lines, end: offset };
  }
}
