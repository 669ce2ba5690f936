import type { ImportedCustomer } from './link-import.ts';
import { AtomicLineWriter, csvLine } from './csv-output.ts';

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
 * order, in one pass. Either both files are replaced or, on an error, neither.
 */
export async function writeMailMerge(customers: Iterable<ImportedCustomer>, out: string): Promise<MailMergeFiles> {
  const targetFile = await AtomicLineWriter.open(out);
  const controlFile = await AtomicLineWriter.open(controlFileFor(out)).catch(async (error: unknown) => {
    await targetFile.discard();
    throw error;
  });
  try {
    let target = 0;
    let control = 0;
    await targetFile.write(csvLine(MAIL_MERGE_HEADER));
    await controlFile.write(csvLine(CONTROL_HEADER));
    for (const customer of customers) {
      if (customer.group === 'target') {
        target++;
        await targetFile.write(
          csvLine([customer.customerId, customer.name, customer.email, customer.phone, customer.segment, customer.tier, customer.url]),
        );
      } else {
        control++;
        await controlFile.write(csvLine([customer.customerId, customer.name, customer.segment, customer.tier]));
      }
    }
    await targetFile.commit();
    await controlFile.commit();
    return { targetFile: targetFile.path, controlFile: controlFile.path, target, control };
  } catch (error) {
    await Promise.all([targetFile.discard(), controlFile.discard()]);
    throw error;
  }
}
