import path from 'node:path';
import { parseArgs } from 'node:util';
import { access } from 'node:fs/promises';
import { formatProblems, loadProject, ProjectConfigError, type LoadedProject } from '../config/load.ts';
import { settings } from '../environment/index.ts';
import { createConfiguredStorage } from '../storage/index.ts';
import type { Storage } from '../storage/types.ts';
import { cliMessages, useProjectLocale } from '../i18n/cli-messages.ts';
import { CsvFileError } from './csv-input.ts';

/**
 * What the `links` and `orders` commands share: reading `import <project> <file.csv>` command
 * lines, finding the project folder, and turning expected failures into messages, not stacks.
 */

export interface ImportCommandLine {
  slug: string;
  file: string;
  options: Record<string, string | undefined>;
  /** The flags given (`--update`), each true when present. */
  flags: Record<string, boolean>;
}

/**
 * Parses `import <project> <file.csv> [--name value…] [--flag…]`; a string is the usage error to
 * print (an unknown option, a flag given a value, a missing argument).
 */
export function parseImportCommandLine(
  args: string[],
  optionNames: readonly string[],
  flagNames: readonly string[] = [],
): ImportCommandLine | string {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: Object.fromEntries([
        ...optionNames.map((name) => [name, { type: 'string' as const }]),
        ...flagNames.map((name) => [name, { type: 'boolean' as const }]),
      ]),
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const [subcommand, slug, file, ...rest] = parsed.positionals;
  if (subcommand !== 'import') return `expected the subcommand "import", got ${subcommand === undefined ? 'nothing' : `"${subcommand}"`}`;
  if (slug === undefined || file === undefined) return 'expected a project slug and a CSV file';
  if (rest.length > 0) return `unexpected extra arguments: ${rest.join(' ')}`;
  const options: Record<string, string | undefined> = {};
  for (const name of optionNames) {
    const value = parsed.values[name];
    options[name] = typeof value === 'string' ? value : undefined;
  }
  const flags = Object.fromEntries(flagNames.map((name) => [name, parsed.values[name] === true]));
  return { slug, file, options, flags };
}

/** The project in REKINDLE_PROJECTS_DIR (default `projects/`), or undefined after printing why not. */
export async function loadProjectForCli(slug: string): Promise<LoadedProject | undefined> {
  const { projectsDir } = settings();
  try {
    const project = await loadProject(path.join(projectsDir, slug));
    useProjectLocale(project.config.locale);
    return project;
  } catch (error) {
    if (error instanceof ProjectConfigError) {
      console.error(`${cliMessages().unknownProject(slug)}\n${formatProblems(error.problems)}`);
      return undefined;
    }
    throw error;
  }
}

/** Whether the input file exists; prints what was expected when it does not. */
export async function inputFileExists(file: string, expected: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    console.error(cliMessages().noSuchFile(file, expected));
    return false;
  }
}

/**
 * Runs an import against the data folder's storage and always closes it, so every acknowledged
 * write is flushed; a CSV that cannot be read at all (no header, no id column) becomes a message
 * and exit code 1, other errors propagate.
 */
export async function withImportStorage(run: (storage: Storage) => Promise<number>): Promise<number> {
  const storage = await createConfiguredStorage();
  try {
    return await run(storage);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await storage.close();
  }
}

export function isMissingFile(error: unknown): error is NodeJS.ErrnoException {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
