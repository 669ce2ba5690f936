import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Locale } from '../../config/schemas/common.ts';
import { loadProject } from '../../config/load.ts';
import { formatProblems, ProjectConfigError, type ProjectProblem } from '../../config/problems.ts';
import { listProjectFolders, missingProjectsDirProblem } from '../../config/project-loader.ts';
import { checkGiftAssets } from '../../gifts/index.ts';
import { cliMessages, useProjectLocale } from '../../i18n/cli-messages.ts';
import type { CliCommand } from '../main.ts';
import { settings } from '../../environment/index.ts';

/**
 * `npm run validate [-- <slug|folder> …]`: checks project.yaml, every file it names and the gift
 * files, so an author finds mistakes before the mailing goes out, not from a customer.
 */
const validate: CliCommand = {
  summary: 'check project folders: project.yaml, the files it names and the gifts',
  usage: 'rekindle validate [<slug or folder> …]   (default: every folder in projects/)',
  async run(args) {
    const { projectsDir } = settings();
    const folders = args.length > 0 ? args.map((arg) => folderOf(arg, projectsDir)) : await listProjectFolders(projectsDir);
    if (folders === undefined) {
      console.error(formatProblems([missingProjectsDirProblem(projectsDir)]));
      return 1;
    }
    const problemsByFolder: ProjectProblem[][] = [];
    const locales = new Set<Locale | undefined>();
    // One project at a time: each is reported in its own language when LANG names none.
    for (const folder of folders) {
      const locale = await declaredLocale(folder);
      locales.add(locale);
      useProjectLocale(locale);
      problemsByFolder.push(await problemsOfProject(folder));
    }
    useProjectLocale(locales.size === 1 ? [...locales][0] : undefined);
    const problems = problemsByFolder.flat();
    if (problems.length > 0) console.error(formatProblems(problems));
    console.log(summaryLine(folders.length, problemsByFolder));
    return problems.length > 0 ? 1 : 0;
  },
};

export default validate;

/** A bare name is a slug in the projects folder; anything that looks like a path is a folder. */
function folderOf(arg: string, projectsDir: string): string {
  return arg.includes('/') || arg.includes(path.sep) || arg.startsWith('.') ? arg : path.join(projectsDir, arg);
}

/** The locale project.yaml declares, read before the checks so their messages can use it. */
async function declaredLocale(folder: string): Promise<Locale | undefined> {
  try {
    const declared: unknown = parseYaml(await readFile(path.join(folder, 'project.yaml'), 'utf8'))?.locale;
    return declared === 'ru' || declared === 'en' ? declared : undefined;
  } catch {
    // An unreadable or broken file is reported by the checks themselves.
    return undefined;
  }
}

async function problemsOfProject(folder: string): Promise<ProjectProblem[]> {
  try {
    return checkGiftAssets(await loadProject(folder));
  } catch (error) {
    if (error instanceof ProjectConfigError) return error.problems;
    throw error;
  }
}

function summaryLine(projectCount: number, problemsByFolder: ProjectProblem[][]): string {
  const messages = cliMessages().validate;
  if (projectCount === 0) return messages.none;
  const problemCount = problemsByFolder.flat().length;
  if (problemCount === 0) return messages.clean(projectCount);
  const broken = problemsByFolder.filter((problems) => problems.length > 0).length;
  return messages.broken(problemCount, broken, projectCount);
}
