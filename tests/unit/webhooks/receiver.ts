import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request had fully arrived. */
  receivedAt: number;
  /** Answers the request; only needed when the receiver was told to hold it. */
  answer(status: number): void;
}

/** What the receiver does with each request, in arrival order; past the end: 200. */
export type Reply = number | 'hold';

/**
 * A webhook receiver on 127.0.0.1 and a free port. Requests told to `hold` stay open until the
 * test answers them, or until `close()`.
 */
export async function startReceiver(replies: Reply[] = []) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = replies[requests.length] ?? 200;
      requests.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: performance.now(),
        answer: answerWith(response),
      });
      if (reply !== 'hold') answerWith(response)(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/private-key-in-path`,
    requests,
    deliveryIds: () => requests.map((request) => request.headers['x-rekindle-delivery']),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function answerWith(response: ServerResponse) {
  return (status: number) => {
    if (!response.writableEnded) response.writeHead(status).end();
  };
}

/** The check from src/webhooks/README.md, written independently of the sender's code. */
export function isGenuine(request: Pick<ReceivedRequest, 'headers' | 'body'>, secret: string): boolean {
  const timestamp = String(request.headers['x-rekindle-timestamp']);
  const given = String(request.headers['x-rekindle-signature']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
