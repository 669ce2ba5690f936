import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleApi } from '../../../src/server/http.ts';
import { log } from '../../../src/server/log.ts';

function diskFull(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

describe('a full disk', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers 503 with Retry-After, and logs one line when it starts and one when it ends', async () => {
    const logged = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await handleApi(async () => {
        throw new Error('append failed', { cause: diskFull() });
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      expect((await response.json()).error.code).toBe('storage-unavailable');
    }
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/storage refuses writes \(ENOSPC\)/);
    await handleApi(async () => new Response(null, { status: 204 }));
    expect(logged).toHaveBeenCalledTimes(2);
    expect(String(logged.mock.calls[1]?.[0])).toMatch(/accepts writes again .* 50 requests were refused/);
  });
});
