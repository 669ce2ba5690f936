import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIRoute } from 'astro';
import { errorResponse, HttpError } from '../../server/http.ts';
import { settings } from '../../environment/index.ts';
import { metrics } from '../../server/metrics.ts';
import { registerStateMetrics } from '../../server/state-metrics.ts';

/** Prometheus scrape endpoint; 404 unless REKINDLE_METRICS_TOKEN is set, 401 without it. */
export const GET: APIRoute = async ({ request }) => {
  const token = settings().metricsToken;
  if (!token) return errorResponse(new HttpError(404, 'not-found', 'Metrics are off; set REKINDLE_METRICS_TOKEN to turn them on.'));
  const given = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
  if (!sameSecret(given, token))
    return errorResponse(new HttpError(401, 'metrics-token-required', 'Send the metrics token as a Bearer token.'));
  registerStateMetrics();
  return new Response(await metrics.metrics(), { headers: { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' } });
};

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
