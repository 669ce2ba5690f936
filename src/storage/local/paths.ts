import { join } from 'node:path';
import { checkProjectName } from '../record-checks.ts';

/** `<dataDir>/projects/<project>`: links/ (lowdb shards) and log/ (append-only segments). */
export function projectDir(dataDir: string, project: string): string {
  checkProjectName(project);
  return join(projectsRoot(dataDir), project);
}

export function projectsRoot(dataDir: string): string {
  return join(dataDir, 'projects');
}
