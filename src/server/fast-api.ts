import type { IncomingMessage, ServerResponse } from 'node:http';
import { isBeaconKind } from '../tracking/beacons.ts';
import { apiRequestOfNode } from './api-request.ts';
import { recordBeacon } from './beacon-handler.ts';
import { httpErrorOf, writeError } from './http.ts';
import { type PlayEndpoint, playEndpoint } from './play-api.ts';
import { storageTrouble } from './storage-trouble.ts';

/** A request the production server answers itself, before Astro. */
export type FastApiRoute = { slug: string; beacon: string } | { slug: string; endpoint: PlayEndpoint };

const API_PATH = /^\/api\/([a-z0-9-]{1,64})\/([a-z]+)$/;

/**
 * The beacons and the play API: everything a player's browser calls while playing, answered
 * straight from Node's request. Astro's per-request pipeline costs several times what these
 * handlers do, and a mailing blast is mostly these calls (a play makes ten of them).
 */
export function fastApiRoute(request: IncomingMessage): FastApiRoute | undefined {
  const [, slug, name] = (request.url && API_PATH.exec(request.url)) || [];
  if (!slug || !name) return undefined;
  if (request.method === 'POST' && isBeaconKind(name)) return { slug, beacon: name };
  const endpoint = playEndpoint(request.method ?? '', name);
  return endpoint ? { slug, endpoint } : undefined;
}

export async function answerFastApi(request: IncomingMessage, response: ServerResponse, route: FastApiRoute): Promise<void> {
  try {
    const apiRequest = apiRequestOfNode(request, route.slug);
    if ('beacon' in route) {
      await recordBeacon({ ...apiRequest, kind: route.beacon });
      response.writeHead(204, NO_STORE).end();
    } else {
      const { status, body } = await route.endpoint(apiRequest);
      response.writeHead(status, JSON_HEADERS).end(JSON.stringify(body));
    }
    storageTrouble.recovered();
  } catch (error) {
    writeError(response, httpErrorOf(error));
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE };
