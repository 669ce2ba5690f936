import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { settings } from '../../../environment/index.ts';
import { addOrders, parseOrdersBatch } from '../../../crm/index.ts';
import { projectFromRoute } from '../../../server/api.ts';
import { handleApi, HttpError, json, readJson } from '../../../server/http.ts';
import { getStorage } from '../../../storage/index.ts';

/** 10 000 orders of ~150 bytes each, with room to spare. */
const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Orders pushed by the shop's CRM, for reactivation. Server-to-server, so no Origin check: the
 * caller proves itself with the API key from REKINDLE_API_KEY. Idempotent by order id, so a CRM
 * may resend a batch after a timeout.
 */
export const POST: APIRoute = (context) =>
  handleApi(async () => {
    assertApiKey(context.request.headers.get('authorization'));
    const project = await projectFromRoute(context);
    const body = await readJson(context.request, z.unknown(), BODY_LIMIT);
    const batch = parseOrdersBatch(body);
    if (!batch.ok) {
      const first = batch.problems[0];
      const message = `The orders are not valid: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}.`;
      throw new HttpError(400, 'invalid-orders', message, { details: { problems: batch.problems } });
    }
    const result = await addOrders({ project: project.slug, storage: await getStorage(), orders: batch.orders });
    return json(result);
  });

function assertApiKey(authorization: string | null): void {
  const expected = settings().apiKey;
  if (!expected) {
    throw new HttpError(503, 'api-key-not-configured', 'The order endpoint is off: set REKINDLE_API_KEY on the server to turn it on.');
  }
  const given = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!given || !timingSafeEqual(digest(given), digest(expected))) {
    throw new HttpError(401, 'bad-api-key', 'Send the API key as "Authorization: Bearer <REKINDLE_API_KEY>".');
  }
}
