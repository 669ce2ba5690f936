import type { APIRoute } from 'astro';
import { handleApi, json } from '../../server/http.ts';
import { assertReady } from '../../server/readiness.ts';

/** Readiness: 200 when storage answers and the data folder takes writes, else 503 (see readiness.ts). */
export const GET: APIRoute = () =>
  handleApi(async () => {
    await assertReady();
    return json({ status: 'ready' });
  });
