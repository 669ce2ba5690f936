import { Worker } from 'node:worker_threads';
import { TextColumn, type SharedText } from '../lib/text-column.ts';
import { TokenColumn, type SharedTokens } from '../lib/token-column.ts';
import { AtomicCsvWriter, commitStaged, CSV_FORMATS, discardStaged, type CsvFormat, type StagedFile } from './csv-output.ts';
import type { ImportedLinks } from './link-import.ts';

export const MAIL_MERGE_HEADER = ['customer_id', 'name', 'email', 'phone', 'segment', 'tier', 'url'] as const;
/** A project with A/B arms names each customer's arm before the url, so the mailing can vary its text by arm too. */
export const MAIL_MERGE_HEADER_WITH_ARMS = ['customer_id', 'name', 'email', 'phone', 'segment', 'tier', 'arm', 'url'] as const;
/**
 * The held-out list has no url and no email or phone, so it cannot be uploaded to a mailing by
 * mistake; customer_id is enough to check that nobody in it was mailed.
 */
export const CONTROL_HEADER = ['customer_id', 'name', 'segment', 'tier'] as const;

export interface MailMergeFiles {
  targetFile: string;
  controlFile: string;
  target: number;
  control: number;
}

/** Both files written and durable under temporary names, waiting to replace their targets together. */
export interface MailMergeDraft {
  commit(): Promise<MailMergeFiles>;
  discard(): Promise<void>;
}

/**
 * How each file is written. The mailing file goes to an email service (plain CSV unless asked);
 * the control list is opened by hand in Excel, so it is Excel's CSV unless asked.
 */
export interface MailMergeFormats {
  target: CsvFormat;
  control: CsvFormat;
}

export const DEFAULT_MAIL_MERGE_FORMATS: MailMergeFormats = { target: 'plain', control: 'excel' };

/** `mail.csv` → `mail.control.csv`; a name without `.csv` gets `.control.csv` appended. */
export function controlFileFor(out: string): string {
  return /\.csv$/i.test(out) ? out.replace(/\.csv$/i, '.control.csv') : `${out}.control.csv`;
}

/**
 * Writes the target group's mail-merge file and the control group's list beside it, in file
 * order, on a worker thread: at a million customers this is a second of work that the import
 * does while it stores the links. Nothing replaces the targets until the draft is committed;
 * on an error, or a discard, neither file changes.
 */
export function writeMailMerge(links: ImportedLinks, out: string, formats = DEFAULT_MAIL_MERGE_FORMATS): Promise<MailMergeDraft> {
  const workerData: MailMergeJob = { columns: mailMergeColumnsOf(links), out, formats };
  const worker = new Worker(new URL('./mail-merge-worker.ts', import.meta.url), { workerData });
  return new Promise<MailMergeDraft>((resolve, reject) => {
    worker.once('message', (staged: StagedMailMerge) => resolve(draftOf(staged)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`writing ${out} stopped (exit code ${code}) before the files were complete`)));
  });
}

function draftOf({ files, staged }: StagedMailMerge): MailMergeDraft {
  return {
    async commit() {
      try {
        for (const file of staged) await commitStaged(file);
      } catch (error) {
        await Promise.all(staged.map(discardStaged));
        throw error;
      }
      return files;
    },
    async discard() {
      await Promise.all(staged.map(discardStaged));
    },
  };
}

/** What the worker needs of an import: its columns, the text ones in shared memory. */
export interface MailMergeJob {
  columns: MailMergeColumns;
  out: string;
  formats: MailMergeFormats;
}

export interface StagedMailMerge {
  files: MailMergeFiles;
  staged: StagedFile[];
}

interface MailMergeColumns {
  size: number;
  urlPrefix: string;
  isControl: Uint8Array;
  customerIds: SharedText;
  names: SharedText;
  emails: SharedText;
  phones: SharedText;
  tokens: SharedTokens;
  segments: LabelColumn;
  tiers: LabelColumn;
  /** Each customer's A/B arm; absent in a project without arms. */
  arms?: LabelColumn;
}

/** A few distinct labels (segments, tiers) by number: 0 for none, else 1 + the label's position. */
interface LabelColumn {
  labels: string[];
  numbers: Uint32Array;
}

function mailMergeColumnsOf(links: ImportedLinks): MailMergeColumns {
  const { customers } = links;
  return {
    size: links.size,
    urlPrefix: links.urlPrefix,
    isControl: links.isControl,
    customerIds: customers.sharedText('customerId'),
    names: customers.sharedText('name'),
    emails: customers.sharedText('email'),
    phones: customers.sharedText('phone'),
    tokens: links.tokens.shared(),
    segments: labelColumn(links.size, (index) => customers.segmentAt(index)),
    tiers: labelColumn(links.size, (index) => links.tierAt(index)),
    arms: links.armNames.length > 0 ? { labels: [...links.armNames], numbers: Uint32Array.from(links.arms) } : undefined,
  };
}

function labelColumn(size: number, labelAt: (index: number) => string | undefined): LabelColumn {
  const labels: string[] = [];
  const numberOf = new Map<string, number>();
  const numbers = new Uint32Array(size);
  for (let index = 0; index < size; index++) {
    const label = labelAt(index);
    if (label === undefined) continue;
    let number = numberOf.get(label);
    if (number === undefined) {
      number = labels.push(label);
      numberOf.set(label, number);
    }
    numbers[index] = number;
  }
  return { labels, numbers };
}

/**
 * The worker's part: both files in one pass, under temporary names, durable when it returns.
 * Text the import holds as UTF-8 goes to the files as it is, without becoming strings again.
 */
export async function stageMailMerge({ columns, out, formats }: MailMergeJob): Promise<StagedMailMerge> {
  const targetFile = await AtomicCsvWriter.open(out, CSV_FORMATS[formats.target]);
  const controlFile = await AtomicCsvWriter.open(controlFileFor(out), CSV_FORMATS[formats.control]).catch(async (error: unknown) => {
    await targetFile.discard();
    throw error;
  });
  try {
    const [customerIds, names, emails, phones] = [columns.customerIds, columns.names, columns.emails, columns.phones].map((shared) =>
      TextColumn.fromShared(shared),
    ) as [TextColumn, TextColumn, TextColumn, TextColumn];
    const tokens = new TokenColumn(columns.tokens);
    const label = (column: LabelColumn, index: number) => column.labels[(column.numbers[index] ?? 0) - 1];
    let target = 0;
    const { arms } = columns;
    await targetFile.writeLine(arms ? MAIL_MERGE_HEADER_WITH_ARMS : MAIL_MERGE_HEADER);
    await controlFile.writeLine(CONTROL_HEADER);
    for (let index = 0; index < columns.size; index++) {
      const [customerId, name, segment, tier] = [
        customerIds.bytesAt(index),
        names.bytesAt(index),
        label(columns.segments, index),
        label(columns.tiers, index),
      ];
      let flushing: Promise<void> | undefined;
      if (columns.isControl[index] === 1) {
        flushing = controlFile.writeLine([customerId, name, segment, tier]);
      } else {
        target++;
        const url = columns.urlPrefix + tokens.at(index);
        const contact = [customerId, name, emails.bytesAt(index), phones.bytesAt(index), segment, tier];
        flushing = targetFile.writeLine(arms ? [...contact, label(arms, index), url] : [...contact, url]);
      }
      if (flushing) await flushing;
    }
    const staged = [await targetFile.finish(), await controlFile.finish()];
    const files = { targetFile: targetFile.path, controlFile: controlFile.path, target, control: columns.size - target };
    return { files, staged };
  } catch (error) {
    await Promise.all([targetFile.discard(), controlFile.discard()]);
    throw error;
  }
}
