import { processShared } from '../lib/process-shared.ts';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics, off unless REKINDLE_METRICS_TOKEN is set: then /api/metrics answers a
 * scraper that sends it as a Bearer token. Labels are route patterns, never paths, so neither a
 * token nor a slug typo makes a new series.
 */
function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    httpRequests: new Counter({
      name: 'rekindle_http_requests_total',
      help: 'Requests answered, by route pattern and status.',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    eventAckSeconds: new Histogram({
      name: 'rekindle_event_ack_seconds',
      help: 'Time from a beacon arriving to its event being on disk and acknowledged.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    shareRenders: new Counter({
      name: 'rekindle_share_renders_total',
      help: 'Share image requests by outcome: cold (drawn), cached, refused (queue full).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    promoClaims: new Counter({
      name: 'rekindle_promo_claims_total',
      help: 'Promo-code gifts opened, by project, pool and outcome: code (a repeat gets its code again) or fallback (the pool was empty).',
      labelNames: ['project', 'pool', 'outcome'] as const,
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'rekindle_webhook_deliveries_total',
      help: 'Webhook deliveries finished, by project and outcome: delivered (a 2xx) or failed (gave up after the last retry).',
      labelNames: ['project', 'outcome'] as const,
      registers: [registry],
    }),
    webhookRetries: new Counter({
      name: 'rekindle_webhook_retries_total',
      help: 'Webhook attempts that failed and were scheduled again, by project.',
      labelNames: ['project'] as const,
      registers: [registry],
    }),
    webhookDeliverySeconds: new Histogram({
      name: 'rekindle_webhook_delivery_seconds',
      help: 'Time from the event (a completion, a gift opening) to its webhook answered 2xx, retries included.',
      buckets: [0.1, 0.5, 1, 5, 30, 120, 600, 3600, 4 * 3600],
      registers: [registry],
    }),
  };
}

/** One registry per process: node-server and the built Astro app both count into the one the scrape endpoint reads. */
const shared = processShared('metrics', createMetrics);

export const {
  registry: metrics,
  httpRequests,
  eventAckSeconds,
  shareRenders,
  promoClaims,
  webhookDeliveries,
  webhookRetries,
  webhookDeliverySeconds,
} = shared;

const ROUTES: [RegExp, string][] = [
  [/^\/api\/health$/, '/api/health'],
  [/^\/api\/ready$/, '/api/ready'],
  [/^\/api\/metrics$/, '/api/metrics'],
  [/^\/api\/[^/]+\/[^/]+$/, '/api/:project/:action'],
  [/^\/admin(?:\/login|\/logout)?$/, '/admin'],
  [/^\/admin\//, '/admin/:project'],
  [/^\/s\/[^/]+\/[^/]+\.png$/, '/s/:id/:format.png'],
  [/^\/s\/[^/]+$/, '/s/:id'],
  [/^\/assets\//, '/assets/:project/:file'],
  [/^\/_astro\//, '/_astro/:file'],
  [/^\/[^/]+\/gift\//, '/:project/gift/:kind'],
  [/^\/[^/.]+$/, '/:project'],
  [/^\/$/, '/'],
];

/** The route pattern of a request path, for labels; `other` for anything unknown. */
export function routeOf(url: string): string {
  const pathname = url.split('?')[0] ?? '';
  return ROUTES.find(([pattern]) => pattern.test(pathname))?.[1] ?? 'other';
}
