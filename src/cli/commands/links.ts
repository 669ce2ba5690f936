import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputFileExists, isMissingFile, loadProjectForCli, parseImportCommandLine, withImportStorage } from '../../crm/cli-support.ts';
import { importCustomerLinks, type LinkImportSummary } from '../../crm/link-import.ts';
import { DEFAULT_MAIL_MERGE_FORMATS, type MailMergeFiles, type MailMergeFormats } from '../../crm/mail-merge.ts';
import { cliMessages } from '../../i18n/cli-messages.ts';
import { ENCODING_LABELS } from '../../lib/text-encoding.ts';
import type { CliCommand } from '../main.ts';

const USAGE = [
  'rekindle links import <project> <customers.csv> [--out <links.csv>] [--base-url https://…]',
  '                      [--format plain|excel] [--control-format excel|plain] [--update]',
  '  Columns: customer_id (required); name, email, phone, segment, total_spend (optional,',
  '  Russian headers like «Имя», «Сумма покупок» work too). Comma, semicolon or tab delimited;',
  '  UTF-8, UTF-16 (Excel «Unicode text») or Windows-1251 (Excel «CSV»).',
  '  Writes <links.csv> (target group, with personal urls) and <links>.control.csv (held-out,',
  '  no urls). Default --out: <customers>.links.csv beside the input; default --base-url:',
  '  $REKINDLE_PUBLIC_URL or http://localhost:4321.',
  '  --format: plain (default: comma, LF, for the email service) or excel (semicolons, CRLF and a',
  '  BOM, which Russian Excel opens cleanly). --control-format: the same for the control list,',
  '  which people open by hand, so excel by default.',
  '  --update: customers who already have a link get this file\'s name, segment and spend into it',
  '  (their link and group never change), e.g. after a file with garbled names was imported.',
].join('\n');

/** Fewer held-out customers than this and the target-vs-control difference drowns in noise. */
const MIN_MEASURABLE_CONTROL = 100;

/**
 * `npm run links -- import <project> <customers.csv>`: gives every customer of a CRM export a
 * personal link, holds out the control group, and writes the mail-merge file. All or nothing:
 * one bad row and nothing is stored or written.
 */
const links: CliCommand = {
  summary: 'import customers: personal links, control group and the mail-merge CSV',
  usage: USAGE,
  async run(args) {
    const update = args.includes('--update');
    const commandLine = parseImportCommandLine(
      args.filter((arg) => arg !== '--update'),
      ['out', 'base-url', 'format', 'control-format'],
    );
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
    const formats = mailMergeFormatsOf(options);
    if (typeof formats === 'string') {
      console.error(formats);
      return 2;
    }
    const out = options.out ?? defaultOut(file);
    if (!(await inputFileExists(file, cliMessages().customersFile))) return 1;
    const outProblem = await mailMergeOutProblem(out);
    if (outProblem) {
      console.error(`--out ${out}: ${outProblem}`);
      return 1;
    }
    const project = await loadProjectForCli(slug);
    if (!project) return 1;

    return withImportStorage(async (storage) => {
      const result = await importCustomerLinks({
        project,
        storage,
        source: { path: file },
        baseUrl,
        now: new Date(),
        mailMergeOut: out,
        mailMergeFormats: formats,
        updateExisting: update,
      });
      if (!result.ok) {
        const count = result.problems.count;
        console.error(`${cliMessages().links.refusedRows(file, count, result.rows)}\n${result.problems.format(file)}`);
        return 1;
      }
      if (!result.mailMerge) throw new Error('the import wrote no mail-merge files although it was given --out');
      console.log(summaryText(slug, result.summary, result.mailMerge, project.config.reactivation.controlShare));
      return 0;
    });
  },
};

export default links;

function mailMergeFormatsOf(options: Record<string, string | undefined>): MailMergeFormats | string {
  const formats = { ...DEFAULT_MAIL_MERGE_FORMATS };
  for (const [option, key] of [['format', 'target'], ['control-format', 'control']] as const) {
    const value = options[option];
    if (value === undefined) continue;
    if (value !== 'plain' && value !== 'excel') return `--${option} «${value}» is not a format; expected plain or excel.`;
    formats[key] = value;
  }
  return formats;
}

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
  const messages = cliMessages().links;
  const segmentLabel = (segment: string) => (segment === '' ? messages.noSegment : segment);
  const [segmentColumn = '', ...countColumns] = messages.columns;
  const width = Math.max(9, ...summary.bySegment.map((split) => segmentLabel(split.segment).length));
  const table = summary.bySegment.map(
    (split) =>
      `  ${segmentLabel(split.segment).padEnd(width)} ${pad(split.customers)} ${pad(split.newLinks)} ${pad(split.target)} ${pad(split.control)}`,
  );
  const lines = [messages.imported(summary.rows, slug, summary.customers, summary.newLinks, summary.existingLinks)];
  if (summary.encoding !== 'utf-8') lines.push(messages.readAs(ENCODING_LABELS[summary.encoding]));
  if (summary.repeatedRows > 0) lines.push(messages.repeated(summary.repeatedRows));
  if (summary.changedExisting > 0) {
    const report = summary.updatedExisting ? messages.updatedExisting : messages.changedExisting;
    lines.push(report(summary.changedExisting, summary.changedFields));
  }
  lines.push(
    messages.split(summary.target, summary.control, Math.round(share * 100)),
    `  ${segmentColumn.padEnd(width)} ${countColumns.map(pad).join(' ')}`,
    ...table,
    messages.targetFile(files.targetFile, files.target),
    messages.controlFile(files.controlFile, files.control),
  );
  if (share > 0 && summary.control < MIN_MEASURABLE_CONTROL) lines.push(messages.smallControl(summary.control, MIN_MEASURABLE_CONTROL));
  return lines.join('\n');
}

function pad(value: number | string): string {
  return String(value).padStart(9);
}
