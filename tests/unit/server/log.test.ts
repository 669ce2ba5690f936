import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logRequests } from '../../../src/server/log.ts';

function fakeExchange(url: string, headers: Record<string, string> = {}) {
  const request = { method: 'GET', url, headers } as unknown as IncomingMessage;
  const sent: Record<string, string> = {};
  const response = Object.assign(new EventEmitter(), {
    statusCode: 200,
    setHeader: (name: string, value: string) => (sent[name] = value),
  }) as unknown as ServerResponse;
  return { request, response, sent };
}

describe('logRequests', () => {
  it('writes one JSON line per request with its id, and never the query that carries a token', () => {
    const lines: string[] = [];
    const logger = pino({ base: null }, { write: (line: string) => lines.push(line) });
    const { request, response, sent } = fakeExchange('/home-habits-quiz?c=personalToken0123456789', {
      cookie: 'rk_home_habits_quiz=link:personalToken0123456789.sig',
      'x-request-id': 'proxy-request-0001',
    });
    logRequests(request, response, logger);
    response.emit('finish');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ reqId: 'proxy-request-0001', method: 'GET', path: '/home-habits-quiz', status: 200, msg: 'request' });
    expect(lines[0]).not.toContain('personalToken');
    expect(sent['X-Request-Id']).toBe('proxy-request-0001');
  });

  it('makes its own id when the proxy sends none or an odd one', () => {
    const { request, response, sent } = fakeExchange('/', { 'x-request-id': 'bad id with spaces' });
    logRequests(request, response, pino({ enabled: false }));
    expect(sent['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
