import { typesetProse } from '../i18n/typeset.ts';
import { mechanics } from '../mechanics/registry.ts';
import { createProjectLoader, type ProjectLoader } from './project-loader.ts';
import { projectSchema, type ProjectConfig } from './schema.ts';

export { formatProblems, ProjectConfigError, type ProjectProblem } from './problems.ts';

/** A project folder whose project.yaml and every file it names have been checked. */
export interface LoadedProject {
  slug: string;
  /** Absolute path of the project folder. */
  dir: string;
  config: ProjectConfig;
}

const loader: ProjectLoader<ProjectConfig> = createProjectLoader(projectSchema, mechanics);

/**
 * Reads and checks `<projectDir>/project.yaml`. Throws `ProjectConfigError` listing every problem
 * found (file, line, config path, what was expected).
 */
export async function loadProject(projectDir: string): Promise<LoadedProject> {
  return typeset(await loader.loadProject(projectDir));
}

/** Loads every folder in `projectsDir`; broken projects give problems instead of stopping the rest. */
export const loadProjects: ProjectLoader<ProjectConfig>['loadProjects'] = async (projectsDir) => {
  const { projects, problems } = await loader.loadProjects(projectsDir);
  return { projects: projects.map(typeset), problems };
};

/** Players read the project's copy with proper typography; the checks above ran on what the author wrote. */
function typeset(project: LoadedProject): LoadedProject {
  return { ...project, config: typesetProse(project.config) };
}
