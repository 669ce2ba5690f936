import net from 'node:net';
import { expect, test } from '@playwright/test';
import { rawRequest, startServerProcess, type ServerProcess } from './server-process.ts';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => server.stop());

/** A connection from `localAddress` that sends the start of a request and then nothing more. */
function slowClient(port: number, localAddress: string): Promise<{ closedAt: () => number | undefined; socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    let closedAt: number | undefined;
    const socket = net.connect({ port, host: '127.0.0.1', localAddress }, () => {
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n');
      resolve({ closedAt: () => closedAt, socket });
    });
    // Reading lets the client see the server's 408 and its end of the connection.
    socket.resume();
    socket.on('close', () => (closedAt = Date.now()));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

test('slow-loris connections are capped per address and cut after the header timeout; health stays fast', async () => {
  test.setTimeout(60_000);
  const started = Date.now();
  const clients = await Promise.all(Array.from({ length: 300 }, () => slowClient(server.port, '127.0.0.2')));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const closedEarly = clients.filter((client) => client.closedAt() !== undefined).length;
  expect(closedEarly).toBeGreaterThanOrEqual(300 - 64);

  const probeStart = Date.now();
  expect((await rawRequest(server.port, { path: '/api/health' })).status).toBe(200);
  expect(Date.now() - probeStart).toBeLessThan(2000);

  await expect.poll(() => clients.every((client) => client.closedAt() !== undefined), { timeout: 20_000, intervals: [500] }).toBe(true);
  const lastClosed = Math.max(...clients.map((client) => client.closedAt() ?? Infinity));
  expect(lastClosed - started).toBeLessThan(15_000);
});
