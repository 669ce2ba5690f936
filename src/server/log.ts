import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { EnvironmentError, settings } from '../environment/index.ts';
import { httpRequests, routeOf } from './metrics.ts';

/**
 * The server's structured log: one JSON object per line, for a log shipper. What goes in is
 * chosen here, never a whole request: query strings carry personal tokens (`?c=`), cookies sign
 * players, and customers' names and emails live only in storage.
 */
export const log: Logger = pino({ base: { service: 'rekindle' }, level: configuredLevel(), timestamp: pino.stdTimeFunctions.isoTime });

/** REKINDLE_LOG_LEVEL; this module loads before the server checks its settings, and refuses to start on a bad one. */
function configuredLevel(): string {
  try {
    return settings().logLevel;
  } catch (error) {
    if (error instanceof EnvironmentError) return 'info';
    throw error;
  }
}

const REQUEST_ID = /^[\w.-]{8,128}$/;

/** The proxy's X-Request-Id when it looks like one, so both logs share it; else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Logs each request once it is answered: id, method, path without its query, status and time.
 * The id goes back in X-Request-Id so a player's report can be found in the log.
 */
export function logRequests(request: IncomingMessage, response: ServerResponse, logger: Logger = log): void {
  const started = process.hrtime.bigint();
  const id = requestIdOf(request);
  response.setHeader('X-Request-Id', id);
  response.once('finish', () => {
    httpRequests.inc({ route: routeOf(request.url ?? ''), status: String(response.statusCode) });
    logger.info(
      {
        reqId: id,
        method: request.method,
        path: (request.url ?? '').split('?')[0]?.slice(0, 200),
        status: response.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      },
      'request',
    );
  });
}
