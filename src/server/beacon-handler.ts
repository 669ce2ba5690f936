import type { IncomingMessage, ServerResponse } from 'node:http';
import { getStorage } from '../storage/index.ts';
import { BEACON_BODY_LIMIT, beaconEvent, isBeaconKind } from '../tracking/beacons.ts';
import { assertSameOriginHeaders, HttpError, httpErrorOf, tooLarge, writeError } from './http.ts';
import { cookieName, playerFromCookie } from './player.ts';
import { requireProject } from './projects.ts';
import { eventAckSeconds } from './metrics.ts';
import { identifyNodeRequest } from './public-origin.ts';
import { storageTrouble } from './storage-trouble.ts';

/** A beacon as both of its routes see it: the node-server fast path and the Astro route. */
export interface BeaconRequest {
  slug: string;
  kind: string;
  origin: string | null | undefined;
  fetchSite: string | null | undefined;
  publicOrigin: string;
  cookie(name: string): string | undefined;
  userAgent: string;
  /** The body as text; rejects with a 413 beyond `limit` bytes. */
  readBody(limit: number): Promise<string>;
}

/**
 * Records a visit or share-click beacon: same-origin, a known project, a signed player cookie, a
 * validated body; it returns only after the event is on disk. The one set of rules for both
 * routes, so they cannot drift apart (they once answered a broken project with 404 and 503).
 */
export async function recordBeacon(request: BeaconRequest): Promise<void> {
  if (!isBeaconKind(request.kind)) throw new HttpError(404, 'not-found', 'There is no such endpoint.');
  assertSameOriginHeaders(request.origin, request.fetchSite, request.publicOrigin);
  const project = await requireProject(request.slug);
  const player = playerFromCookie(request.cookie(cookieName(project.slug)));
  if (!player) throw new HttpError(401, 'no-player', 'Open the project page first: it identifies you for the game.');
  const body = parseJson(await request.readBody(BEACON_BODY_LIMIT));
  const event = beaconEvent(request.kind, body, {
    project: project.slug,
    player: player.key,
    userAgent: request.userAgent,
    at: new Date(),
  });
  if (!event) return;
  const stopTimer = eventAckSeconds.startTimer();
  await (await getStorage()).events.append(event);
  stopTimer();
}

const BEACON_PATH = /^\/api\/([a-z0-9-]{1,64})\/([a-z]+)$/;

/** `{ slug, kind }` when the request is a beacon POST the fast path answers, else undefined. */
export function beaconRoute(request: IncomingMessage): { slug: string; kind: string } | undefined {
  if (request.method !== 'POST' || !request.url) return undefined;
  const [, slug, kind] = BEACON_PATH.exec(request.url) ?? [];
  return slug && kind && isBeaconKind(kind) ? { slug, kind } : undefined;
}

/**
 * The fast path: a beacon answered straight from Node's request, without Astro's per-request
 * pipeline (which alone costs about 330 µs of CPU): campaigns send every link at once and the
 * beacons are most of the traffic.
 */
export async function answerBeacon(
  request: IncomingMessage,
  response: ServerResponse,
  route: { slug: string; kind: string },
): Promise<void> {
  try {
    await recordBeacon({
      ...route,
      origin: request.headers.origin,
      fetchSite: header(request, 'sec-fetch-site'),
      publicOrigin: identifyNodeRequest(request).publicOrigin,
      cookie: (name) => cookieValue(request.headers.cookie, name),
      userAgent: header(request, 'user-agent') ?? '',
      readBody: (limit) => readNodeBody(request, limit),
    });
    response.writeHead(204, { 'Cache-Control': 'no-store' }).end();
    storageTrouble.recovered();
  } catch (error) {
    writeError(response, httpErrorOf(error));
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

/** What an oversized body may still send after the 413, read and dropped so the answer arrives. */
const DISCARD_LIMIT = 1024 * 1024;

/**
 * The body, up to `limit` bytes. Beyond that it rejects with a 413 and keeps reading what the
 * client still sends into nothing: closing a socket with unread data makes TCP answer with a
 * reset, and the client would never see the 413. A client that sends more than DISCARD_LIMIT is
 * cut off.
 */
function readNodeBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    const overflow = () => {
      request.removeAllListeners('data');
      let discarded = 0;
      request.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > DISCARD_LIMIT) request.destroy();
      });
      reject(tooLarge(limit));
    };
    if (declared > limit) return overflow();
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) overflow();
      else chunks.push(chunk);
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
