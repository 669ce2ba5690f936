import { describe, expect, it } from 'vitest';
import type { GiftConfig } from '../../../src/config/schemas/gift.ts';
import { giftFor, tierFor } from '../../../src/gifts/index.ts';
import { seedTiers } from './project-fixture.ts';

const link = (title: string): GiftConfig => ({ kind: 'link', title, url: 'https://hoff.ru/' });

describe('tierFor', () => {
  it.each([
    [0, 'regular'],
    [2999.99, 'regular'],
    [3000, 'raised'],
    [49999, 'raised'],
    [50000, 'vip'],
    [1_000_000, 'vip'],
  ])('puts a spend of %d ₽ in the %s tier', (spend, tier) => {
    expect(tierFor(seedTiers, spend)?.name).toBe(tier);
  });

  it('has no tier for an unknown spend or a spend below every tier', () => {
    expect(tierFor(seedTiers, undefined)).toBeUndefined();
    expect(tierFor(seedTiers, Number.NaN)).toBeUndefined();
    expect(tierFor([{ name: 'big', minSpend: 100 }], 50)).toBeUndefined();
  });

  it('takes the first tier that holds the spend when tiers overlap', () => {
    const overlapping = [
      { name: 'first', minSpend: 0, maxSpend: 100 },
      { name: 'second', minSpend: 50 },
    ];
    expect(tierFor(overlapping, 70)?.name).toBe('first');
  });
});

describe('giftFor', () => {
  const config = {
    gift: link('default'),
    tiers: seedTiers,
    giftRules: [
      { when: { segment: 'churned', tier: 'vip' }, gift: link('churned vip') },
      { when: { tier: 'vip' }, gift: link('vip') },
      { when: { segment: 'churned' }, gift: link('churned') },
      { when: { tier: 'raised' }, gift: link('raised') },
    ],
  };

  it('gives the first rule whose segment and tier both match', () => {
    expect(giftFor(config, { segment: 'churned', spend: 60000 }).title).toBe('churned vip');
    expect(giftFor(config, { segment: 'active', spend: 60000 }).title).toBe('vip');
    expect(giftFor(config, { segment: 'churned', spend: 10000 }).title).toBe('churned');
    expect(giftFor(config, { spend: 10000 }).title).toBe('raised');
  });

  it('falls back to the default gift when no rule matches', () => {
    expect(giftFor(config, { segment: 'active', spend: 100 }).title).toBe('default');
    expect(giftFor(config, {}).title).toBe('default');
  });

  it('gives anonymous players the default gift', () => {
    expect(giftFor(config).title).toBe('default');
  });
});
