import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/http.ts';
import { beaconEvent } from '../../../src/tracking/beacons.ts';

const phone = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
const source = { project: 'quiz', player: 'link:abcdefghijklmnopqrstu', userAgent: phone, at: new Date('2025-12-20T10:00:00Z') };

describe('beaconEvent', () => {
  it('records a visit from a browser, and a share-page visit separately', () => {
    expect(beaconEvent('visit', {}, source)).toEqual({
      project: 'quiz',
      player: source.player,
      at: '2025-12-20T10:00:00.000Z',
      type: 'visit',
      data: undefined,
    });
    expect(beaconEvent('visit', { page: 'share', share: 'shareId12345' }, source)?.type).toBe('share-visit');
  });

  it('drops visits from bots that run scripts', () => {
    expect(beaconEvent('visit', {}, { ...source, userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' })).toBeUndefined();
  });

  it('records a share click with its network', () => {
    expect(beaconEvent('track', { type: 'share-click', network: 'vk' }, source)).toMatchObject({
      type: 'share-click',
      data: { network: 'vk' },
    });
  });

  it('refuses bodies that are not beacons', () => {
    for (const body of [null, [], { page: 'admin' }, { type: 'share-click', network: 'myspace' }, { type: 'complete' }]) {
      const kind = body && typeof body === 'object' && 'type' in body ? 'track' : 'visit';
      expect(() => beaconEvent(kind, body, source)).toThrow(HttpError);
    }
  });
});
