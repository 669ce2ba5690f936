import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { cliMessages } from '../i18n/cli-messages.ts';
import { isInsideFolder } from '../lib/inside-folder.ts';
import type { ConfigProblem, Mechanic } from '../mechanics/types.ts';
import { formatPath, parseWithFriendlyErrors } from './friendly-errors.ts';
import { displayPath, ProjectConfigError, type ProjectProblem } from './problems.ts';
import { findProjectFiles, type ConfigPath, type ProjectFileReference } from './schema-walk.ts';
import { readYamlSource, type YamlSource } from './yaml-source.ts';

export const PROJECT_FILE = 'project.yaml';

export interface LoadedProjectOf<Config> {
  slug: string;
  /** Absolute path of the project folder. */
  dir: string;
  config: Config;
}

/** What the loader needs from a mechanic: its kind and its semantic checks. */
export type MechanicChecks = Pick<Mechanic, 'kind' | 'checkConfig'>;

export interface ProjectLoader<Config> {
  loadProject(projectDir: string): Promise<LoadedProjectOf<Config>>;
  loadProjects(projectsDir?: string): Promise<{ projects: LoadedProjectOf<Config>[]; problems: ProjectProblem[] }>;
}

/**
 * Loading bound to a schema and its mechanics. The app uses the one bound to the registry
 * (src/config/load.ts); tests bind a small fake mechanic.
 */
export function createProjectLoader<Config extends { slug: string; kind: string }>(
  schema: z.core.$ZodType<Config>,
  mechanics: readonly MechanicChecks[],
): ProjectLoader<Config> {
  async function loadProject(projectDir: string): Promise<LoadedProjectOf<Config>> {
    const dir = path.resolve(projectDir);
    const slug = path.basename(dir);
    const file = path.join(dir, PROJECT_FILE);
    const problemAt = problemFactory(displayPath(file));

    const source = readableYaml(await readProjectFile(dir, file), problemAt);
    const parsed = parseWithFriendlyErrors(schema, source.data);
    if (!parsed.success) {
      throw new ProjectConfigError(parsed.problems.map((problem) => problemAt(problem.path, problem.message, source)));
    }

    const config = parsed.data;
    const semanticProblems: ConfigProblem[] = [
      ...slugProblems(config.slug, slug),
      ...(await projectFileProblems(dir, findProjectFiles(schema, config))),
      ...(mechanics.find((mechanic) => mechanic.kind === config.kind)?.checkConfig?.(config) ?? []),
    ];
    if (semanticProblems.length > 0) {
      throw new ProjectConfigError(semanticProblems.map((problem) => problemAt(problem.path, problem.message, source)));
    }
    return { slug, dir, config };
  }

  async function loadProjects(projectsDir = 'projects') {
    const folders = await listProjectFolders(projectsDir);
    if (folders === undefined) {
      return { projects: [], problems: [missingProjectsDirProblem(projectsDir)] };
    }
    const projects: LoadedProjectOf<Config>[] = [];
    const problems: ProjectProblem[] = [];
    for (const folder of folders) {
      try {
        projects.push(await loadProject(folder));
      } catch (error) {
        if (!(error instanceof ProjectConfigError)) throw error;
        problems.push(...error.problems);
      }
    }
    return { projects, problems };
  }

  return { loadProject, loadProjects };
}

export function missingProjectsDirProblem(projectsDir: string): ProjectProblem {
  return {
    file: displayPath(path.resolve(projectsDir)),
    path: '',
    message: cliMessages().validator.files.noProjectsFolder,
  };
}

/** The YAML of project.yaml, or a ProjectConfigError when it is malformed or empty. */
function readableYaml(text: string, problemAt: ProblemFactory): YamlSource {
  const source = readYamlSource(text);
  if (source.syntaxProblems.length > 0) {
    throw new ProjectConfigError(source.syntaxProblems.map((problem) => problemAt([], problem.message, problem)));
  }
  if (source.isEmpty) {
    throw new ProjectConfigError([problemAt([], cliMessages().validator.files.emptyFile)]);
  }
  return source;
}

type ProblemFactory = ReturnType<typeof problemFactory>;

/** Problems of one file, placed on the line of their config path or at a YAML syntax position. */
function problemFactory(file: string) {
  return (path: ConfigPath, message: string, position?: Pick<YamlSource, 'lineOf'> | { line: number; column: number }): ProjectProblem => {
    const problem: ProjectProblem = { file, path: formatPath(path), message };
    if (position && 'lineOf' in position) {
      const line = position.lineOf(path);
      if (line !== undefined) problem.line = line;
    } else if (position) {
      problem.line = position.line;
      problem.column = position.column;
    }
    return problem;
  };
}

async function readProjectFile(dir: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const folderExists = await exists(dir);
    throw new ProjectConfigError([
      folderExists
        ? { file: displayPath(file), path: '', message: cliMessages().validator.files.noProjectFile(PROJECT_FILE) }
        : { file: displayPath(dir), path: '', message: cliMessages().validator.files.noProjectFolder },
    ]);
  }
}

function slugProblems(configSlug: string, folderName: string): ConfigProblem[] {
  if (configSlug === folderName) return [];
  return [
    {
      path: ['slug'],
      message: cliMessages().validator.files.slugMismatch(folderName, configSlug),
    },
  ];
}

/** Checks on disk that every referenced file exists, has the right type and stays inside the folder. */
async function projectFileProblems(dir: string, references: ProjectFileReference[]): Promise<ConfigProblem[]> {
  const realDir = await realpath(dir);
  const problems = await Promise.all(references.map((reference) => projectFileProblem(realDir, reference)));
  return problems.filter((problem) => problem !== undefined);
}

async function projectFileProblem(realDir: string, { path: configPath, value, expects }: ProjectFileReference) {
  const problem = (message: string): ConfigProblem => ({ path: configPath, message });
  const words = cliMessages().validator.files;
  let target: string;
  try {
    target = await realpath(path.join(realDir, value));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return problem(words.notFound(expects, value));
  }
  if (!isInsideFolder(realDir, target)) {
    return problem(words.leadsOutside(expects, value));
  }
  const isFolder = (await stat(target)).isDirectory();
  if (expects === 'file' && isFolder) return problem(words.folderNotFile(value));
  if (expects === 'folder' && !isFolder) return problem(words.fileNotFolder(value));
  return undefined;
}

/** Absolute paths of the project folders in `projectsDir`, by name; undefined when it does not exist. */
export async function listProjectFolders(projectsDir: string): Promise<string[] | undefined> {
  const root = path.resolve(projectsDir);
  try {
    const entries = await readdir(root, { withFileTypes: true });
    // Dot-folders are editor and tool state, never projects.
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => path.join(root, entry.name))
      .sort();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
