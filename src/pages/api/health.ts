import type { APIRoute } from 'astro';

/**
 * Liveness for load balancers: answers as soon as the server takes requests, without touching
 * storage or project configs, so a slow disk or a broken project never takes the instance out.
 * It is also the "bare Astro page" baseline of the HTTP bench (bench/http-ingest.ts).
 */
export const GET: APIRoute = () =>
  new Response('ok', { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
