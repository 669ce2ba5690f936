/**
 * Worker thread that parses a CSV file for `readCsvRows` (csv-input.ts) and posts its
 * rows in batches, so parsing runs on the second core while the importing thread handles the
 * rows already read. At most MAX_BATCHES_IN_FLIGHT batches wait unacknowledged: a slow
 * importer pauses the reading here instead of letting the whole file pile up in its queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvFileError, parseCsvStream, type ColumnSpec, type CsvReadSummary } from './csv-input.ts';
import { RowBatchBuilder, type RowBatch } from './csv-row-batch.ts';
import type { Locale } from '../config/schemas/common.ts';
import { useProjectLocale } from '../i18n/cli-messages.ts';

export interface CsvFileWorkerData {
  path: string;
  columns: readonly ColumnSpec[];
  /** The language of the importing thread's messages, which this thread's module state does not know. */
  messageLocale: Locale;
}

export type CsvFileWorkerMessage =
  | { kind: 'rows'; batch: RowBatch }
  | { kind: 'done'; summary: CsvReadSummary }
  | { kind: 'unreadable'; file: string; line: number | undefined; reason: string };

/** A few thousand rows: large enough that a message costs little per row, small enough to overlap. */
const ROWS_PER_BATCH = 4096;
const MAX_BATCHES_IN_FLIGHT = 8;

const port = parentPort;
if (!port) throw new Error('csv-file-worker.ts runs as a worker thread of readCsvRows');
const { path, columns, messageLocale } = workerData as CsvFileWorkerData;
useProjectLocale(messageLocale);

let inFlight = 0;
let acknowledged: (() => void) | undefined;
port.on('message', () => {
  inFlight--;
  acknowledged?.();
});

const post = (message: CsvFileWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const builder = new RowBatchBuilder(
  columns.map((column) => column.key),
  ROWS_PER_BATCH,
);
const flush = () => {
  const { batch, transfer } = builder.take();
  inFlight++;
  post({ kind: 'rows', batch }, transfer);
};

async function* throttled(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    while (inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (acknowledged = resolve));
    yield chunk;
  }
}

try {
  const summary = await parseCsvStream(
    { path },
    columns,
    (row) => {
      builder.add(row);
      if (builder.isFull) flush();
    },
    throttled,
  );
  if (builder.size > 0) flush();
  post({ kind: 'done', summary });
} catch (error) {
  if (!(error instanceof CsvFileError)) throw error;
  post({ kind: 'unreadable', file: error.file, line: error.line, reason: error.reason });
}
// Nothing more will come from the importer; let the thread end once the last messages are out.
port.unref();
