import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixture, type Fixture } from './fixtures.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await createFixture();
  // The route draws with the process's renderer, which caches under REKINDLE_DATA_DIR.
  vi.stubEnv('REKINDLE_DATA_DIR', join(fixture.root, 'data'));
  reloadSettings();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  reloadSettings();
  await fixture.cleanup();
});

describe('shareImageResponse', () => {
  it('spends one cold render of a client’s budget on many concurrent requests for one new image', async () => {
    const { shareImageResponse } = await import('../../../src/share/route.ts');
    const project = fixture.project({}, 'assets/logo.png');
    // A blast: a dozen players of one address (a mobile carrier's NAT) finish with the same score at once.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        shareImageResponse({
          project,
          content: { title: 'Я угадала 4 из 6 традиций!', score: { value: 4, of: 6 } },
          format: 'og',
          request: new Request('http://localhost/s/x/og.png'),
          clientKey: '203.0.113.9',
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
  });
});
