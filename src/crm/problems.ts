import { cliMessages } from '../i18n/cli-messages.ts';

/** A row an import refuses, with the file line a CRM manager can look up. */
export interface RowProblem {
  line: number;
  message: string;
}

/** How many bad rows a report lists; the rest are counted, since one cause usually explains them. */
export const LISTED_PROBLEMS = 50;

/** Bad rows of an import: the first few kept for the listing, all of them counted. */
export class ProblemList {
  readonly listed: RowProblem[] = [];
  count = 0;

  add(problem: RowProblem): void {
    this.count++;
    if (this.listed.length < LISTED_PROBLEMS) this.listed.push(problem);
  }

  /** One line per listed problem, `file:line: reason`, then how many more there are. */
  format(file: string): string {
    const lines = this.listed.map((problem) => `  ${file}:${problem.line}: ${problem.message}`);
    const unlisted = this.count - this.listed.length;
    if (unlisted > 0) lines.push(`  ${cliMessages().rows.more(unlisted)}`);
    return lines.join('\n');
  }
}
