import type { IncomingMessage, ServerResponse } from 'node:http';
import { getStorage } from '../storage/index.ts';
import { BEACON_BODY_LIMIT, beaconEvent, isBeaconKind, type BeaconKind } from '../tracking/beacons.ts';
import { assertSameOriginHeaders, HttpError } from './http.ts';
import { cookieName, playerFromCookie } from './player.ts';
import { identifyNodeRequest } from './public-origin.ts';
import { findProject } from './projects.ts';

const BEACON_PATH = /^\/api\/([a-z0-9-]{1,64})\/([a-z]+)$/;

/** `{ slug, kind }` when the request is a beacon POST this handler answers, else undefined. */
export function beaconRoute(request: IncomingMessage): { slug: string; kind: BeaconKind } | undefined {
  if (request.method !== 'POST' || !request.url) return undefined;
  const match = BEACON_PATH.exec(request.url);
  const [, slug, kind] = match ?? [];
  return slug && kind && isBeaconKind(kind) ? { slug, kind } : undefined;
}

/**
 * Records a visit or share-click beacon straight from Node's request, without Astro's per-request
 * pipeline (which alone costs about 330 µs of CPU): campaigns send every link at once and the
 * beacons are most of the traffic. Same rules as the Astro route: same-origin, a known project, a
 * signed player cookie, a validated body; the 204 goes out only after the event is on disk.
 */
export async function answerBeacon(
  request: IncomingMessage,
  response: ServerResponse,
  route: { slug: string; kind: BeaconKind },
): Promise<void> {
  try {
    assertSameOriginHeaders(request.headers.origin, header(request, 'sec-fetch-site'), identifyNodeRequest(request).publicOrigin);
    const lookup = await findProject(route.slug);
    if (lookup.status !== 'ok') throw new HttpError(404, 'project-not-found', `There is no project named ${route.slug}.`);
    const player = playerFromCookie(cookieValue(request.headers.cookie, cookieName(route.slug)));
    if (!player) throw new HttpError(401, 'no-player', 'Open the project page first: it identifies you for the game.');
    const body = parseJson(await readBody(request));
    const event = beaconEvent(route.kind, body, {
      project: route.slug,
      player: player.key,
      userAgent: header(request, 'user-agent') ?? '',
      at: new Date(),
    });
    if (event) await (await getStorage()).events.append(event);
    response.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  } catch (error) {
    answerError(response, error);
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (pair.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BEACON_BODY_LIMIT) {
        reject(new HttpError(413, 'body-too-large', `The request body is larger than ${BEACON_BODY_LIMIT} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.length === 0) throw new HttpError(400, 'empty-body', 'The request has no body; send JSON.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON.');
  }
}

function answerError(response: ServerResponse, error: unknown): void {
  const known =
    error instanceof HttpError ? error : new HttpError(500, 'internal', 'The server failed to handle this request. Try again later.');
  if (!(error instanceof HttpError)) console.error('[rekindle] beacon failed:', error);
  if (response.headersSent) return;
  const body = JSON.stringify({ error: { message: known.message, code: known.code, status: known.status } });
  response.writeHead(known.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
}
