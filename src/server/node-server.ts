import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EnvironmentError, settings } from '../environment/index.ts';
import { getStorage, StorageSettingError } from '../storage/index.ts';
import { compressAppResponse } from './compression.ts';
import { limitConnections, SERVER_OPTIONS } from './connection-limits.ts';
import { playerCookieKey } from './cookie-signature.ts';
import { answerFastApi, fastApiRoute } from './fast-api.ts';
import { answerPlayPage, isPlayPageRequest } from './fast-page.ts';
import { writeError } from './http.ts';
import { logRequests } from './log.ts';
import { malformedRequest } from './request-guard.ts';
import { loadStaticFiles } from './static-files.ts';

type NodeHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/**
 * The production server: Node's http server with the player's API answered first (fast-api.ts),
 * then the build's static files (from memory, compressed), play pages rendered before for a
 * player like this one (fast-page.ts), and everything else handed to the built Astro app (pages,
 * API; @astrojs/node in middleware mode). Run after `astro build`:
 * `node src/server/node-server.ts` (HOST, PORT and the rest from src/environment).
 */
export async function startServer(options: { host: string; port: number; entry?: string }): Promise<http.Server> {
  // The built entry starts its own server on import unless told not to.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = options.entry ?? path.resolve('dist/server/entry.mjs');
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: NodeHandler };
  const staticFiles = await loadStaticFiles(path.join(path.dirname(entry), '..', 'client'));
  await getStorage();
  playerCookieKey();
  const server = http.createServer(SERVER_OPTIONS, (request, response) => {
    logRequests(request, response);
    const malformed = malformedRequest(request);
    const api = malformed ? undefined : fastApiRoute(request);
    if (malformed) writeError(response, malformed);
    else if (api) {
      compressAppResponse(request, response);
      void answerFastApi(request, response, api);
    } else if (!decodableUrl(request.url)) response.writeHead(400).end('Bad request.');
    else if (!staticFiles.serve(request, response)) {
      compressAppResponse(request, response);
      if (isPlayPageRequest(request)) void answerPlayPage(request, response, () => handler(request, response));
      else handler(request, response);
    }
  });
  limitConnections(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return server;
}

/** Astro's standalone server refused a URL that does not decode with a 400; its middleware mode does not check. */
function decodableUrl(url: string | undefined): boolean {
  try {
    decodeURI(url ?? '/');
    return true;
  } catch {
    return false;
  }
}

/** The settings, or the process ends with one line per bad one: the operator's to fix, so no stack. */
function settingsOrExit() {
  try {
    return settings();
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    for (const problem of error.problems) console.error(`[rekindle] cannot start: ${problem}`);
    process.exit(1);
  }
}

/** Stops taking requests, then lets the storage write out what it holds, so a restart loses nothing. */
async function shutDown(server: http.Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await (await getStorage()).close();
}

if (import.meta.main) {
  const { host, port } = settingsOrExit();
  const server = await startServer({ host, port }).catch((error: unknown) => {
    if (!(error instanceof StorageSettingError)) throw error;
    // The operator's setting, not a bug: the message names it and the cause; a stack would only hide that.
    console.error(`[rekindle] cannot start: ${error.message}`);
    process.exit(1);
  });
  console.log(`[rekindle] listening on http://${host}:${port}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.closeIdleConnections();
      void shutDown(server).finally(() => process.exit(0));
    });
  }
}
