import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputFileExists, isMissingFile, loadProjectForCli, parseImportCommandLine, withImportStorage } from '../../crm/cli-support.ts';
import { importCustomerLinks, type LinkImportSummary } from '../../crm/link-import.ts';
import type { MailMergeFiles } from '../../crm/mail-merge.ts';
import { ENCODING_LABELS } from '../../lib/text-encoding.ts';
import type { CliCommand } from '../main.ts';

const USAGE = [
  'rekindle links import <project> <customers.csv> [--out <links.csv>] [--base-url https://…]',
  '  Columns: customer_id (required); name, email, phone, segment, total_spend (optional,',
  '  Russian headers like «Имя», «Сумма покупок» work too). Comma or semicolon delimited.',
  '  Writes <links.csv> (target group, with personal urls) and <links>.control.csv (held-out,',
  '  no urls). Default --out: <customers>.links.csv beside the input; default --base-url:',
  '  $REKINDLE_PUBLIC_URL or http://localhost:4321.',
].join('\n');

/**
 * `npm run links -- import <project> <customers.csv>`: gives every customer of a CRM export a
 * personal link, holds out the control group, and writes the mail-merge file. All or nothing:
 * one bad row and nothing is stored or written.
 */
const links: CliCommand = {
  summary: 'import customers: personal links, control group and the mail-merge CSV',
  usage: USAGE,
  async run(args) {
    const commandLine = parseImportCommandLine(args, ['out', 'base-url']);
    if (typeof commandLine === 'string') {
      console.error(`${commandLine}.\nUsage: ${USAGE}`);
      return 2;
    }
    const { slug, file, options } = commandLine;
    const baseUrl = options['base-url'] ?? process.env.REKINDLE_PUBLIC_URL ?? 'http://localhost:4321';
    if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) {
      console.error(`--base-url «${baseUrl}» is not an http(s) address; expected e.g. https://promo.example.ru`);
      return 2;
    }
    const out = options.out ?? defaultOut(file);
    if (!(await inputFileExists(file, 'the customers CSV exported from the CRM'))) return 1;
    const outProblem = await mailMergeOutProblem(out);
    if (outProblem) {
      console.error(`--out ${out}: ${outProblem}`);
      return 1;
    }
    const project = await loadProjectForCli(slug);
    if (!project) return 1;

    return withImportStorage(async (storage) => {
      const result = await importCustomerLinks({ project, storage, source: { path: file }, baseUrl, now: new Date(), mailMergeOut: out });
      if (!result.ok) {
        const count = result.problems.count;
        console.error(
          `${file}: ${count} of ${result.rows} rows cannot be imported, so nothing was imported or written:\n` +
            result.problems.format(file),
        );
        return 1;
      }
      if (!result.mailMerge) throw new Error('the import wrote no mail-merge files although it was given --out');
      console.log(summaryText(slug, result.summary, result.mailMerge, project.config.reactivation.controlShare));
      return 0;
    });
  },
};

export default links;

/** Why the mail-merge file cannot be written at `out`, found before anything is imported. */
async function mailMergeOutProblem(out: string): Promise<string | undefined> {
  try {
    await access(path.dirname(path.resolve(out)));
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    return `the folder ${path.dirname(out)} does not exist; create it or choose another file.`;
  }
  const existing = await stat(out).catch((error: unknown) => {
    if (isMissingFile(error)) return undefined;
    throw error;
  });
  return existing?.isDirectory() ? `is a folder; give a file name, e.g. ${path.join(out, 'mailing.csv')}.` : undefined;
}

function defaultOut(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.links.csv`);
}

function summaryText(slug: string, summary: LinkImportSummary, files: MailMergeFiles, share: number): string {
  const width = Math.max(9, ...summary.bySegment.map((split) => segmentLabel(split.segment).length));
  const table = summary.bySegment.map(
    (split) =>
      `  ${segmentLabel(split.segment).padEnd(width)} ${pad(split.customers)} ${pad(split.newLinks)} ${pad(split.target)} ${pad(split.control)}`,
  );
  const lines = [
    `Imported ${summary.rows} rows into ${slug}: ${summary.customers} customers, ${summary.newLinks} new links, ${summary.existingLinks} already linked.`,
  ];
  if (summary.encoding !== 'utf-8') lines.push(`The file was read as ${ENCODING_LABELS[summary.encoding]}.`);
  if (summary.repeatedRows > 0) lines.push(`${summary.repeatedRows} rows repeated a customer word for word and were skipped.`);
  if (summary.changedExisting > 0) {
    lines.push(
      `${summary.changedExisting} already linked customers have a new segment or spend in this file; their links keep the data of their first import.`,
    );
  }
  lines.push(
    `Target ${summary.target}, control ${summary.control} (control share ${Math.round(share * 100)}% per segment):`,
    `  ${'segment'.padEnd(width)} ${pad('customers')} ${pad('new')} ${pad('target')} ${pad('control')}`,
    ...table,
    `Mail-merge file (target, with urls): ${files.targetFile} (${files.target} rows)`,
    `Control group (do not mail, no urls): ${files.controlFile} (${files.control} rows)`,
  );
  return lines.join('\n');
}

function segmentLabel(segment: string): string {
  return segment === '' ? '(no segment)' : segment;
}

function pad(value: number | string): string {
  return String(value).padStart(9);
}
