import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputFileExists, isMissingFile, loadProjectForCli, parseImportCommandLine, withImportStorage } from '../../crm/cli-support.ts';
import { importCustomerLinks, type LinkImportSummary } from '../../crm/link-import.ts';
import { DEFAULT_MAIL_MERGE_FORMATS, type MailMergeFiles, type MailMergeFormats } from '../../crm/mail-merge.ts';
import { cliMessages } from '../../i18n/cli-messages.ts';
import { ENCODING_LABELS } from '../../lib/text-encoding.ts';
import { detectionPlan } from '../../crm/plan.ts';
import type { Storage } from '../../storage/types.ts';
import type { CliCommand } from '../main.ts';
import { settings } from '../../environment/index.ts';

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
  "  --update: customers who already have a link get this file's name, segment and spend into it",
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
    const commandLine = parseImportCommandLine(args, ['out', 'base-url', 'format', 'control-format'], ['update']);
    if (typeof commandLine === 'string') {
      console.error(`${commandLine}.\nUsage: ${USAGE}`);
      return 2;
    }
    const { slug, file, options, flags } = commandLine;
    const baseUrl = options['base-url'] ?? settings().publicOrigin ?? 'http://localhost:4321';
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
        updateExisting: flags.update === true,
      });
      if (!result.ok) {
        const count = result.problems.count;
        console.error(`${cliMessages().links.refusedRows(file, count, result.rows)}\n${result.problems.format(file)}`);
        return 1;
      }
      if (!result.mailMerge) throw new Error('the import wrote no mail-merge files although it was given --out');
      console.log(summaryText(slug, result.summary, result.mailMerge, project.config.reactivation.controlShare));
      console.log(await planText(storage, slug, project.config.reactivation));
      return 0;
    });
  },
};

export default links;

function mailMergeFormatsOf(options: Record<string, string | undefined>): MailMergeFormats | string {
  const formats = { ...DEFAULT_MAIL_MERGE_FORMATS };
  for (const [option, key] of [
    ['format', 'target'],
    ['control-format', 'control'],
  ] as const) {
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
    ...armLines(summary.byArm),
    messages.targetFile(files.targetFile, files.target),
    messages.controlFile(files.controlFile, files.control),
  );
  if (share > 0 && summary.control < MIN_MEASURABLE_CONTROL) lines.push(messages.smallControl(summary.control, MIN_MEASURABLE_CONTROL));
  return lines.join('\n');
}

/** The A/B split of this file's target customers; the mailing file's `arm` column names each one's. */
function armLines(byArm: Record<string, number>): string[] {
  const arms = Object.entries(byArm);
  if (arms.length === 0) return [];
  return [
    `A/B arms of the target group (column «arm» of the mail-merge file): ${arms.map(([arm, count]) => `${arm} ${count}`).join(', ')}`,
  ];
}

function pad(value: number | string): string {
  return String(value).padStart(9);
}

/**
 * The plan before the send, over every link of the project (this file and earlier ones): the
 * smallest lift the control group can detect (see src/crm/plan.ts), and a warning when the
 * forecast counts on less.
 */
async function planText(storage: Storage, slug: string, reactivation: { forecast?: number; baseRate?: number }): Promise<string> {
  let [targetSize, controlSize] = [0, 0];
  for (const counts of (await storage.links.countsBySegment(slug)).values()) {
    targetSize += counts.total - counts.control;
    controlSize += counts.control;
  }
  const { forecast = 0, baseRate } = reactivation;
  const plan = detectionPlan({ forecast, baseRate, targetSize, controlSize });
  if (!plan) {
    return controlSize === 0
      ? 'Plan: there is no control group, so no lift can be measured.'
      : 'Plan: set reactivation.baseRate (the share expected back without any mailing, e.g. 0.02) to see the smallest lift this control group can detect.';
  }
  const points = (difference: number) => `${(difference * 100).toFixed(2)} points`;
  const rate = `${(plan.baseRate * 100).toFixed(2)}%${plan.baseRateFrom === 'forecast' ? " (the forecast's rate; set reactivation.baseRate for the rate without mailing)" : ''}`;
  const lines = [
    `Plan: with ${targetSize} mailed and ${controlSize} held out at a base rate of ${rate}, the smallest lift this control group can detect`,
    `  is ${points(plan.minimumDetectable)} (about ${Math.round(plan.minimumDetectableCustomers)} customers), at 80% power and α 5%:`,
    '  δ = (1.960 + 0.842) · √(p(1 − p)/n_control + (p + δ)(1 − p − δ)/n_target)',
  ];
  if (plan.forecastUndetectable && plan.forecastEffect !== undefined) {
    lines.push(
      `Warning: the forecast of ${forecast} counts on a lift of ${points(plan.forecastEffect)}, smaller than ${points(plan.minimumDetectable)}:`,
      '  even if it comes true, the interval will probably include zero. Hold out a larger control group (reactivation.controlShare) or accept this now.',
    );
  }
  return lines.join('\n');
}
