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
  };
}

/**
 * Kept on globalThis: node-server (run from source) and the built Astro app each load this
 * module, and both must count into the one registry the scrape endpoint reads.
 */
const SHARED = Symbol.for('rekindle.metrics');
type WithSharedMetrics = typeof globalThis & { [SHARED]?: ReturnType<typeof createMetrics> };
const holder = globalThis as WithSharedMetrics;
holder[SHARED] ??= createMetrics();

export const { registry: metrics, httpRequests, eventAckSeconds, shareRenders } = holder[SHARED];

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
