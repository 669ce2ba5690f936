import type { LoadedProject } from '../../../src/config/load.ts';
import type { ProjectConfig } from '../../../src/config/schema.ts';

/**
 * A project as the dispatcher sees it: it reads only the slug and `webhook`, so the rest of the
 * config is left out rather than copied from an example project.
 */
export function projectWithWebhook(webhook: ProjectConfig['webhook'], slug = 'new-year-traditions'): LoadedProject {
  return { slug, dir: `/projects/${slug}`, config: { slug, webhook } as ProjectConfig };
}
