import { AtomicCsvWriter } from './csv-output.ts';
import type { ImportedLinks } from './link-import.ts';

export const MAIL_MERGE_HEADER = ['customer_id', 'name', 'email', 'phone', 'segment', 'tier', 'url'] as const;
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

/** `mail.csv` → `mail.control.csv`; a name without `.csv` gets `.control.csv` appended. */
export function controlFileFor(out: string): string {
  return /\.csv$/i.test(out) ? out.replace(/\.csv$/i, '.control.csv') : `${out}.control.csv`;
}

/**
 * Writes the target group's mail-merge file and the control group's list beside it, in file
 * order, in one pass. Either both files are replaced or, on an error, neither. Text the import
 * holds as UTF-8 goes to the files as it is, without becoming strings again.
 */
export async function writeMailMerge(links: ImportedLinks, out: string): Promise<MailMergeFiles> {
  const targetFile = await AtomicCsvWriter.open(out);
  const controlFile = await AtomicCsvWriter.open(controlFileFor(out)).catch(async (error: unknown) => {
    await targetFile.discard();
    throw error;
  });
  try {
    let target = 0;
    let control = 0;
    await targetFile.writeLine(MAIL_MERGE_HEADER);
    await controlFile.writeLine(CONTROL_HEADER);
    const { customers, tokens, urlPrefix } = links;
    for (let index = 0; index < links.size; index++) {
      const customerId = customers.customerIdAt(index);
      const name = customers.bytesAt('name', index);
      const segment = customers.segmentAt(index);
      const tier = links.tierAt(index);
      let flushing: Promise<void> | undefined;
      if (links.isControl[index] === 1) {
        control++;
        flushing = controlFile.writeLine([customerId, name, segment, tier]);
      } else {
        target++;
        const url = urlPrefix + (tokens[index] ?? '');
        const [email, phone] = [customers.bytesAt('email', index), customers.bytesAt('phone', index)];
        flushing = targetFile.writeLine([customerId, name, email, phone, segment, tier, url]);
      }
      if (flushing) await flushing;
    }
    await targetFile.commit();
    await controlFile.commit();
    return { targetFile: targetFile.path, controlFile: controlFile.path, target, control };
  } catch (error) {
    await Promise.all([targetFile.discard(), controlFile.discard()]);
    throw error;
  }
}
