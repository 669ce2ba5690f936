import type { IncomingMessage, ServerResponse } from 'node:http';
import { isBeaconKind } from '../tracking/beacons.ts';
import { apiRequestOfNode } from './api-request.ts';
import { recordBeacon } from './beacon-handler.ts';
import { httpErrorOf, writeError } from './http.ts';
import { type PlayEndpoint, playEndpoint } from './play-api.ts';
import { storageTrouble } from './storage-trouble.ts';
import { identifyNodeRequest } from './public-origin.ts';
import { type SharedImageFile, sharedImageAnswer } from '../share/route.ts';

/** A request the production server answers itself, before Astro. */
export type FastApiRoute =
  | { slug: string; beacon: string }
  | { slug: string; endpoint: PlayEndpoint }
  | { shareId: string; file: SharedImageFile };

const API_PATH = /^\/api\/([a-z0-9-]{1,64})\/([a-z]+)$/;
const SHARE_IMAGE_PATH = /^\/s\/([A-Za-z0-9_-]{8,64})\/(?:(og|story)\.png|og-(\d{1,4})\.webp)$/;

/**
 * The beacons, the play API and the share images: everything a player's browser calls while
 * playing, answered straight from Node's request. Astro's per-request pipeline costs several
 * times what these handlers do, and a mailing blast is mostly these calls (a play makes eleven).
 */
export function fastApiRoute(request: IncomingMessage): FastApiRoute | undefined {
  return shareImageRoute(request) ?? playApiRoute(request);
}

function shareImageRoute(request: IncomingMessage): FastApiRoute | undefined {
  const [, shareId, format, width] = (request.method === 'GET' && request.url && SHARE_IMAGE_PATH.exec(request.url)) || [];
  if (!shareId) return undefined;
  return { shareId, file: format ? { format } : { renditionWidth: Number(width) } };
}

function playApiRoute(request: IncomingMessage): FastApiRoute | undefined {
  const [, slug, name] = (request.url && API_PATH.exec(request.url)) || [];
  if (!slug || !name) return undefined;
  if (request.method === 'POST' && isBeaconKind(name)) return { slug, beacon: name };
  const endpoint = playEndpoint(request.method ?? '', name);
  return endpoint ? { slug, endpoint } : undefined;
}

export async function answerFastApi(request: IncomingMessage, response: ServerResponse, route: FastApiRoute): Promise<void> {
  try {
    if ('shareId' in route) {
      const { status, headers, body } = await sharedImageAnswer(route.shareId, route.file, {
        ifNoneMatch: request.headers['if-none-match'],
        clientKey: identifyNodeRequest(request).clientAddress,
      });
      response.writeHead(status, headers).end(body);
      return;
    }
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
