import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertSameOrigin, handleApi, HttpError, readJson } from '../../../src/server/http.ts';

const url = new URL('http://127.0.0.1:4321/api/quiz/play');
const schema = z.strictObject({ answer: z.boolean() });

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: 'POST', body, headers });
}

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'accepted';
}

describe('readJson', () => {
  it('returns the validated body', async () => {
    expect(await readJson(post('{"answer":true}'), schema)).toEqual({ answer: true });
  });

  it('refuses non-JSON, empty, oversized and off-schema bodies with distinct codes', async () => {
    expect(await codeOf(() => readJson(post('{"answer":'), schema))).toBe('400 invalid-json');
    expect(await codeOf(() => readJson(post(''), schema))).toBe('400 empty-body');
    expect(await codeOf(() => readJson(post(JSON.stringify({ answer: 'x'.repeat(100) })), schema, 64))).toBe('413 body-too-large');
    expect(await codeOf(() => readJson(post('{"answer":true,"score":6}'), schema))).toBe('400 invalid-body');
  });
});

describe('assertSameOrigin', () => {
  it('accepts the page’s own origin and same-origin fetch metadata', async () => {
    expect(await codeOf(() => assertSameOrigin(post('{}', { origin: 'http://127.0.0.1:4321' }), url.origin))).toBe('accepted');
    expect(await codeOf(() => assertSameOrigin(post('{}', { 'sec-fetch-site': 'same-origin' }), url.origin))).toBe('accepted');
  });

  it('refuses other sites and requests without any origin information', async () => {
    expect(await codeOf(() => assertSameOrigin(post('{}', { origin: 'https://evil.example' }), url.origin))).toBe('403 cross-origin');
    expect(await codeOf(() => assertSameOrigin(post('{}'), url.origin))).toBe('403 origin-missing');
  });
});

describe('handleApi', () => {
  it('answers HttpErrors with the one error shape', async () => {
    const response = await handleApi(async () => {
      throw new HttpError(409, 'out-of-order', 'Answer question 1 first.');
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { message: 'Answer question 1 first.', code: 'out-of-order', status: 409 } });
  });

  it('hides internal failures behind a generic 500', async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const response = await handleApi(async () => {
        throw new Error('database password is hunter2');
      });
      expect(response.status).toBe(500);
      expect(JSON.stringify(await response.json())).not.toContain('hunter2');
    } finally {
      console.error = original;
    }
  });
});
