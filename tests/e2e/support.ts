import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

/**
 * Imports a customer file through the real CLI (as a CRM author would) into the server's data
 * folder and returns each mailed customer's personal URL by customer id.
 */
export function importCustomers(project: string, csvFile: string): Map<string, string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'rekindle-links-'));
  const out = path.join(outDir, 'links.csv');
  execFileSync(process.execPath, ['src/cli/main.ts', 'links', 'import', project, csvFile, '--out', out], {
    env: process.env,
    stdio: 'pipe',
  });
  const rows = parse(readFileSync(out), { columns: true, bom: true, delimiter: [',', ';'] }) as Record<string, string>[];
  return new Map(rows.map((row) => [row.customer_id ?? '', row.url ?? '']));
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
