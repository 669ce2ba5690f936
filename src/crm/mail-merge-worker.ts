/**
 * Worker thread of `writeMailMerge` (mail-merge.ts): writes the two files from the import's
 * columns and answers with the staged files; an error ends the thread and reaches the caller
 * as the worker's 'error' event.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { stageMailMerge, type MailMergeJob } from './mail-merge.ts';

if (!parentPort) throw new Error('mail-merge-worker.ts runs as a worker thread of writeMailMerge');
parentPort.postMessage(await stageMailMerge(workerData as MailMergeJob));
