import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';

/**
 * Imports a customer file through the real CLI (as a CRM author would) into the server's data
 * folder and returns each mailed customer's personal URL by customer id.
 */
export function importCustomers(project: string, csvFile: string): Map<string, string> {
  return importCustomerGroups(project, csvFile).mailed;
}

/** The same, with the held-out control customers' ids too (their file has no URLs). */
export function importCustomerGroups(project: string, csvFile: string): { mailed: Map<string, string>; control: string[] } {
  const outDir = mkdtempSync(path.join(tmpdir(), 'rekindle-links-'));
  const out = path.join(outDir, 'links.csv');
  runCli(['links', 'import', project, csvFile, '--out', out]);
  const mailed = readCsv(out);
  const control = readCsv(path.join(outDir, 'links.control.csv'));
  return {
    mailed: new Map(mailed.map((row) => [row.customer_id ?? '', row.url ?? ''])),
    control: control.map((row) => row.customer_id ?? ''),
  };
}

export function runCli(args: string[]): string {
  return execFileSync(process.execPath, ['src/cli/main.ts', ...args], { env: process.env, stdio: 'pipe' }).toString();
}

/** The rows of a CSV file by header name; the delimiter (comma or semicolon) is detected. */
export function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** The right answers of a quiz project, read from its config like an author would. */
export function quizAnswers(project: string): boolean[] {
  const config = parseYaml(readFileSync(path.join('projects', project, 'project.yaml'), 'utf8')) as {
    questions: { answer: boolean }[];
  };
  return config.questions.map((question) => question.answer);
}

export function relative(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
