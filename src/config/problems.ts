import path from 'node:path';

/** One thing wrong with a project, precise enough to jump to in an editor. */
export interface ProjectProblem {
  /** The file, relative to the working directory when inside it, e.g. projects/ny/project.yaml. */
  file: string;
  /** Config path, e.g. questions[3].answer; empty when the problem is about the whole file. */
  path: string;
  line?: number;
  /** Only for YAML syntax errors, where the column matters. */
  column?: number;
  /** What is wrong and what was expected, e.g. «expected true or false, got "yes"». */
  message: string;
}

/** Thrown by loadProject when project.yaml or the files it names are not right. */
export class ProjectConfigError extends Error {
  readonly problems: ProjectProblem[];
  constructor(problems: ProjectProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Project config has ${count}:\n${formatProblems(problems)}`);
    this.name = 'ProjectConfigError';
    this.problems = problems;
  }
}

/**
 * One line per problem, in file and line order, in the `file:line path: message` form that
 * editors and terminals turn into links:
 * `projects/ny/project.yaml:42 questions[3].answer: expected true or false, got "yes"`.
 */
export function formatProblems(problems: readonly ProjectProblem[]): string {
  return sortProblems(problems).map(formatProblem).join('\n');
}

function formatProblem({ file, line, column, path, message }: ProjectProblem): string {
  const position = [file, line, line === undefined ? undefined : column].filter((part) => part !== undefined);
  return `${position.join(':')} ${path ? `${path}: ` : ''}${message}`;
}

function sortProblems(problems: readonly ProjectProblem[]): ProjectProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** A path as people read it: relative to the working directory when inside it, else absolute. */
export function displayPath(absolutePath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absolutePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolutePath;
}
