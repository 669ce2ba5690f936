import { describe, expect, it } from 'vitest';
import { SHARE_NETWORKS } from '../../../src/share/networks.ts';
import { shareButtonStrings } from '../../../src/share/strings.ts';

describe('share labels on an English page', () => {
  it('name every network in English (VK, OK), with no Cyrillic left', () => {
    const strings = shareButtonStrings('en');
    const labels = SHARE_NETWORKS.map((network) => `${strings.shareTo(network.name.en)} ${strings.opensInNewTab}`);
    expect(labels.join(' ')).not.toMatch(/\p{Script=Cyrillic}/u);
    expect(SHARE_NETWORKS.map((network) => network.name.en)).toEqual(['VK', 'OK', 'Telegram', 'WhatsApp', 'X', 'Facebook']);
    expect(SHARE_NETWORKS[0]?.name.ru).toBe('ВКонтакте');
  });
});
