import type http from 'node:http';
import type { Socket } from 'node:net';
import { isTrustedProxy } from './public-origin.ts';

/**
 * Limits against clients that open connections and then dribble (slow-loris): without them
 * Node waits 60 s for headers, checks only every 30 s, and takes connections without end.
 * A TLS proxy in front should do the same at its edge (see README, "Running it for real").
 */
export const CONNECTION_LIMITS = {
  /** The whole header block must arrive within this. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: 30_000,
  /** How often overdue connections are looked for (Node's default is 30 s). */
  checkingIntervalMs: 1_000,
  /** Open connections from one address; a trusted proxy's are not counted. */
  perAddress: 64,
  /** Open connections in all. */
  total: 4_096,
};

/** Options for `http.createServer`: the check interval can only be set there. */
export const SERVER_OPTIONS: http.ServerOptions = {
  headersTimeout: CONNECTION_LIMITS.headersTimeoutMs,
  requestTimeout: CONNECTION_LIMITS.requestTimeoutMs,
  connectionsCheckingInterval: CONNECTION_LIMITS.checkingIntervalMs,
};

/** Caps connections per client address and in all; a connection over a cap is closed at once. */
export function limitConnections(server: http.Server): void {
  server.maxConnections = CONNECTION_LIMITS.total;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    // A proxy carries many clients on its connections and limits them at its own edge.
    if (isTrustedProxy(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > CONNECTION_LIMITS.perAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
