import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openGift } from '../../../src/gifts/index.ts';
import { promoClaims } from '../../../src/server/metrics.ts';
import { registerStateMetrics } from '../../../src/server/state-metrics.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import { giftProject, projectFolder, promoGift } from '../gifts/project-fixture.ts';

/** A registry with the state gauges reading a project with a pool of two codes, and a memory store. */
function scraped(pendingWebhookDeliveries = () => 0) {
  const project = giftProject(projectFolder({ 'gifts/codes.csv': 'code\nNY-001\nNY-002\n' }), { gift: promoGift });
  const storage = createMemoryStorage();
  const registry = new Registry();
  registerStateMetrics(registry, { projects: async () => [project], storage: async () => storage, pendingWebhookDeliveries });
  const gaugeValue = async (name: string, labels: Record<string, string> = {}) => {
    const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
    return metric?.values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))?.value;
  };
  return { project, storage, registry, gaugeValue };
}

const claimed = async (outcome: string) =>
  (await promoClaims.get()).values.find(
    (value) => value.labels.project === 'new-year' && value.labels.pool === promoGift.pool && value.labels.outcome === outcome,
  )?.value ?? 0;

afterEach(() => vi.restoreAllMocks());

describe('state metrics', () => {
  it('reads the codes left from the store at each scrape, so a claim on any instance moves the gauge', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { project, storage, gaugeValue } = scraped();
    const left = { project: 'new-year', pool: promoGift.pool };
    expect(await gaugeValue('rekindle_promo_codes_left', left)).toBe(2);

    const codesBefore = await claimed('code');
    await openGift({ project, storage, player: 'link:first' });
    expect(await gaugeValue('rekindle_promo_codes_left', left)).toBe(1);
    expect(await claimed('code')).toBe(codesBefore + 1);

    const fallbacksBefore = await claimed('fallback');
    await openGift({ project, storage, player: 'link:second' });
    await openGift({ project, storage, player: 'link:third' });
    expect(await gaugeValue('rekindle_promo_codes_left', left)).toBe(0);
    expect(await claimed('fallback')).toBe(fallbacksBefore + 1);
  });

  it('leaves a preview opening out of the claims', async () => {
    const { project, storage } = scraped();
    const before = await claimed('code');
    await openGift({ project, storage, player: 'link:preview', preview: true });
    expect(await claimed('code')).toBe(before);
  });

  it('reports the webhook deliveries this instance holds', async () => {
    let pending = 3;
    const { gaugeValue } = scraped(() => pending);
    expect(await gaugeValue('rekindle_webhook_outbox_pending')).toBe(3);
    pending = 0;
    expect(await gaugeValue('rekindle_webhook_outbox_pending')).toBe(0);
  });

  it('registers once per registry, as the server and the built app each load the module', () => {
    const { registry } = scraped();
    expect(() => registerStateMetrics(registry)).not.toThrow();
  });
});
