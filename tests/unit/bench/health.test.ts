import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { GET } from '../../../src/pages/api/health.ts';

describe('GET /api/health', () => {
  it('answers 200 "ok", never cached, without needing anything from the request', async () => {
    const response = await GET({} as APIContext);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
