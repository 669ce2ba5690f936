import { describe, expect, it } from 'vitest';
import type { GiftConfig } from '../../../src/config/schemas/gift.ts';
import { giftFor } from '../../../src/gifts/rules.ts';
import { introFor } from '../../../src/play/variants.ts';

const linkGift = (title: string): GiftConfig =>
  ({ kind: 'link', title, url: 'https://shop.example.com', buttonLabel: 'Open' }) as GiftConfig;

describe('what an A/B arm’s customers see', () => {
  const config = {
    gift: linkGift('default'),
    giftRules: [{ when: { tier: 'vip' }, gift: linkGift('vip') }],
    tiers: [{ name: 'vip', minSpend: 50000 }],
    variants: [{ id: 'a' }, { id: 'b', gift: linkGift('arm b') }],
  };

  it('gives arm b its gift, arm a and anonymous players the default, and a matching rule first', () => {
    expect(giftFor(config, { arm: 'b' }).title).toBe('arm b');
    expect(giftFor(config, { arm: 'a' }).title).toBe('default');
    expect(giftFor(config).title).toBe('default');
    expect(giftFor(config, { arm: 'b', spend: 60000 }).title).toBe('vip');
  });

  it('replaces only the intro fields an arm sets', () => {
    const intro = { title: 'Fact or fiction?', text: 'Five home habits.', startButton: 'Play' };
    const variants = [{ id: 'short', intro: { text: 'Two minutes, a gift at the end.' } }];
    expect(introFor(intro, variants, 'short')).toEqual({ ...intro, text: 'Two minutes, a gift at the end.' });
    expect(introFor(intro, variants, undefined)).toBe(intro);
    expect(introFor(intro, variants, 'gone')).toBe(intro);
  });
});
