import { Gauge, type Registry } from 'prom-client';
import { promoPools } from '../crm/report.ts';
import type { GiftProject } from '../gifts/index.ts';
import { getStorage, type Storage } from '../storage/index.ts';
import { runningWebhookWorker } from '../webhooks/index.ts';
import { metrics } from './metrics.ts';
import { listProjects } from './projects.ts';

/** Where the gauges read from; the process's own by default, a test's fixtures otherwise. */
export interface StateSources {
  projects(): Promise<GiftProject[]>;
  storage(): Promise<Storage>;
  /** Webhook deliveries this instance holds: sent, retried, not yet delivered or given up. */
  pendingWebhookDeliveries(): number;
}

const PROCESS_SOURCES: StateSources = {
  projects: listProjects,
  storage: getStorage,
  pendingWebhookDeliveries: () => runningWebhookWorker()?.pendingCount ?? 0,
};

async function codesLeft(sources: StateSources): Promise<{ project: string; pool: string; remaining: number }[]> {
  const storage = await sources.storage();
  const perProject = await Promise.all(
    (await sources.projects()).map(async (project) =>
      (await promoPools(project, storage)).map(({ pool, remaining }) => ({ project: project.slug, pool, remaining })),
    ),
  );
  return perProject.flat();
}

/**
 * Gauges read when Prometheus scrapes, not counted as things happen. Codes left are shared
 * state: with PostgreSQL every instance claims from the same pools, so each instance reads the
 * store and all report the same figure. Pending webhook deliveries are each held by one
 * instance (see src/storage/postgres/webhook-outbox.ts), so each reports its own and `sum()`
 * over instances is the outbox. Registered once per registry: the server run from source and
 * the built app each load this module.
 */
export function registerStateMetrics(registry: Registry = metrics, sources: StateSources = PROCESS_SOURCES): void {
  if (registry.getSingleMetric('rekindle_promo_codes_left')) return;
  new Gauge({
    name: 'rekindle_promo_codes_left',
    help: 'Promo codes not yet claimed, by project and pool (the pool file relative to the project folder).',
    labelNames: ['project', 'pool'] as const,
    registers: [registry],
    async collect() {
      // A project or pool gone since the last scrape must not keep its last value.
      this.reset();
      // With the store away the series go missing for this scrape rather than failing the others.
      const pools = await codesLeft(sources).catch(() => []);
      for (const { project, pool, remaining } of pools) this.set({ project, pool }, remaining);
    },
  });
  new Gauge({
    name: 'rekindle_webhook_outbox_pending',
    help: 'Webhook deliveries this instance holds that are not yet delivered nor given up; sum() over instances is the outbox.',
    registers: [registry],
    collect() {
      this.set(sources.pendingWebhookDeliveries());
    },
  });
}
