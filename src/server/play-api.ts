import type { APIRoute } from 'astro';
import { z } from 'zod';
import { jumpTo } from '../play/preview.ts';
import { applyAction, claimGift, playStatus, shareResult, startPlay } from '../play/service.ts';
import { SHARE_ID_PATTERN } from '../share/share-id.ts';
import { playContextOf } from './api.ts';
import { type ApiRequest, apiRequestOfAstro } from './api-request.ts';
import { DEFAULT_BODY_LIMIT, HttpError, handleApi, json, parseJsonBody } from './http.ts';

/** What a play API endpoint answers: a status and the JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export type PlayEndpoint = (request: ApiRequest) => Promise<ApiAnswer>;

const startBody = z.strictObject({
  /** The share page the player came from, for the viral-loop report. */
  referredBy: z.string().regex(SHARE_ID_PATTERN).optional(),
});

/** The action's own shape is the mechanic's business; here it only has to be a small object. */
const actionBody = z.strictObject({ action: z.record(z.string().max(32), z.unknown()) });
const ACTION_BODY_LIMIT = 4 * 1024;

const jumpBody = z.strictObject({
  /** Index into the mechanic's preview plays (see previewJumps). */
  jump: z.number().int().nonnegative().max(1000),
});

/**
 * The player's API under `/api/<slug>/`, by method and name: what the island calls while a
 * person plays. The production server answers these before Astro (see node-server.ts), the Astro
 * routes under src/pages/api/[slug] answer them in `astro dev`; both through this one table.
 */
const PLAY_ENDPOINTS: Record<string, PlayEndpoint> = {
  'POST start': async (request) => {
    const play = await playContextOf(request, { changesState: true });
    const { referredBy } = parseJsonBody(await request.readBody(DEFAULT_BODY_LIMIT), startBody);
    return { status: 200, body: await startPlay(play, referredBy) };
  },
  'GET play': async (request) => ({ status: 200, body: await playStatus(await playContextOf(request, { changesState: false })) }),
  'POST play': async (request) => {
    const play = await playContextOf(request, { changesState: true });
    const { action } = parseJsonBody(await request.readBody(ACTION_BODY_LIMIT), actionBody);
    return { status: 200, body: await applyAction(play, action) };
  },
  /**
   * GET would be the natural verb, but opening a gift claims a promo code: a prefetcher must not
   * be able to do that, so it is a same-origin POST.
   */
  'POST gift': async (request) => ({ status: 200, body: await claimGift(await playContextOf(request, { changesState: true })) }),
  /** Turns the player's finished result into a public share at `/s/<id>`. */
  'POST share': async (request) => {
    const id = await shareResult(await playContextOf(request, { changesState: true }));
    const url = new URL(`/s/${id}`, request.publicOrigin).toString();
    return { status: 201, body: { id, url, imageUrl: `${url}/og.png` } };
  },
  /** Preview only: puts the preview player at a step or result. A real player gets a 403. */
  'POST preview': async (request) => {
    const play = await playContextOf(request, { changesState: true });
    if (!play.preview) throw new HttpError(403, 'not-preview', 'Jumping is for previews: open the preview link from the dashboard.');
    const { jump } = parseJsonBody(await request.readBody(DEFAULT_BODY_LIMIT), jumpBody);
    await jumpTo(play.project, play.player, jump, play.now);
    return { status: 200, body: await playStatus(play) };
  },
};

/** The endpoint answering `method` on `/api/<slug>/<name>`, if the play API has one. */
export function playEndpoint(method: string, name: string): PlayEndpoint | undefined {
  return Object.hasOwn(PLAY_ENDPOINTS, `${method} ${name}`) ? PLAY_ENDPOINTS[`${method} ${name}`] : undefined;
}

/** The Astro route of the play API's `method name` endpoint. */
export function astroPlayRoute(method: 'GET' | 'POST', name: string): APIRoute {
  const endpoint = playEndpoint(method, name);
  if (!endpoint) throw new Error(`The play API has no ${method} ${name}.`);
  return (context) =>
    handleApi(async () => {
      const { status, body } = await endpoint(apiRequestOfAstro(context));
      return json(body, status);
    });
}
