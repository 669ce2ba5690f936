import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webhookDeliveries, webhookDeliverySeconds, webhookRetries } from '../../../src/server/metrics.ts';
import { WebhookDispatcher, type WebhookDispatcherOptions, type WebhookInput } from '../../../src/webhooks/index.ts';
import { projectWithWebhook } from './project.ts';
import { isGenuine, startReceiver, type Reply } from './receiver.ts';

const SECRET = 'test-secret-not-for-production';
const secrets = { HOOK_SECRET: SECRET };

let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rekindle-webhooks-'));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function receiver(replies: Reply[] = []) {
  const started = await startReceiver(replies);
  cleanups.push(started.close);
  return started;
}

function dispatcher(options: Partial<WebhookDispatcherOptions> = {}) {
  const logged: string[] = [];
  const created = new WebhookDispatcher({
    dir,
    secrets,
    retryDelaysMs: [20, 20, 20],
    jitter: 0,
    log: (line) => logged.push(line),
    ...options,
  });
  cleanups.push(() => created.close());
  return Object.assign(created, { logged });
}

function completion(url: string, overrides: Partial<WebhookInput> = {}): WebhookInput {
  return {
    project: projectWithWebhook({ url, secretEnv: 'HOOK_SECRET', events: ['complete', 'gift-open'] }),
    type: 'complete',
    at: new Date('2020-12-20T10:00:00.000Z'),
    customerId: 'C-100500',
    player: 'link',
    summary: { title: 'Знаток традиций', score: { value: 5, of: 6 } },
    ...overrides,
  };
}

/** Long enough for a stray retry (20 ms backoff here) to have arrived if there were one. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('webhook delivery', () => {
  it('posts the event signed so that a receiver holding the secret can verify it', async () => {
    const hook = await receiver();
    const sender = dispatcher();
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(sender.pendingCount).toBe(0));

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    const body = JSON.parse(request!.body);
    expect(body).toEqual({
      id: request!.headers['x-rekindle-delivery'],
      type: 'complete',
      project: 'new-year-traditions',
      occurredAt: '2020-12-20T10:00:00.000Z',
      customerId: 'C-100500',
      player: 'link',
      summary: { title: 'Знаток традиций', score: { value: 5, of: 6 } },
    });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-rekindle-event']).toBe('complete');
    expect(request!.headers['x-rekindle-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(isGenuine(request!, SECRET)).toBe(true);
    expect(isGenuine(request!, 'another-secret')).toBe(false);
    expect(isGenuine({ ...request!, body: request!.body.replace('C-100500', 'C-1') }, SECRET)).toBe(false);
  });

  it('identifies no customer for an anonymous player', async () => {
    const hook = await receiver();
    const sender = dispatcher();
    sender.enqueue(completion(hook.url, { type: 'gift-open', customerId: undefined, player: 'anon', summary: undefined }));
    await vi.waitFor(() => expect(hook.requests).toHaveLength(1));
    expect(JSON.parse(hook.requests[0]!.body)).toMatchObject({ type: 'gift-open', customerId: null, player: 'anon', summary: null });
  });

  it('sends only the events the project lists, and nothing for a project without a webhook', async () => {
    const hook = await receiver();
    const sender = dispatcher();
    const onlyCompletions = projectWithWebhook({ url: hook.url, secretEnv: 'HOOK_SECRET', events: ['complete'] });
    sender.enqueue(completion(hook.url, { project: onlyCompletions, type: 'gift-open' }));
    sender.enqueue(completion(hook.url, { project: projectWithWebhook(undefined) }));
    expect(sender.pendingCount).toBe(0);
    await settle();
    expect(hook.requests).toHaveLength(0);
  });

  it('returns from enqueue before the receiver has even been called', async () => {
    const hook = await receiver(['hold']);
    const sender = dispatcher();
    const startedAt = performance.now();
    sender.enqueue(completion(hook.url));
    expect(performance.now() - startedAt).toBeLessThan(50);
    expect(hook.requests).toHaveLength(0);

    await vi.waitFor(() => expect(hook.requests).toHaveLength(1));
    expect(sender.pendingCount).toBe(1);
    hook.requests[0]!.answer(204);
    await vi.waitFor(() => expect(sender.pendingCount).toBe(0));
  });
});

describe('webhook retries', () => {
  it('retries after a 500 with the same delivery id, and stops at the first 2xx', async () => {
    const hook = await receiver([500, 200]);
    const sender = dispatcher();
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(sender.pendingCount).toBe(0));
    await settle();

    expect(hook.requests).toHaveLength(2);
    const [first, second] = hook.deliveryIds();
    expect(second).toBe(first);
    expect(hook.requests.every((request) => isGenuine(request, SECRET))).toBe(true);
    expect(sender.logged).toEqual([]);
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const hook = await receiver(['hold', 200]);
    const sender = dispatcher({ timeoutMs: 100 });
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(hook.requests).toHaveLength(2));
    await vi.waitFor(() => expect(sender.pendingCount).toBe(0));
  });

  it('waits longer before each retry', async () => {
    const hook = await receiver([500, 500, 200]);
    const sender = dispatcher({ retryDelaysMs: [40, 160] });
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(sender.pendingCount).toBe(0));
    const [first, second, third] = hook.requests.map((request) => request.receivedAt);
    expect(second! - first!).toBeGreaterThanOrEqual(35);
    expect(third! - second!).toBeGreaterThanOrEqual(150);
  });

  it('gives up after the last retry with one log line that shows no secret, path or customer', async () => {
    const hook = await receiver([500, 500, 500, 500, 500]);
    const sender = dispatcher({ retryDelaysMs: [5, 5] });
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(sender.logged).toHaveLength(1));

    expect(hook.requests).toHaveLength(3);
    const [line] = sender.logged;
    expect(line).toMatch(/webhook complete of project new-year-traditions to http:\/\/127\.0\.0\.1:\d+ gave up after 3 attempts/);
    expect(line).toContain('HTTP 500');
    expect(line).not.toContain('private-key-in-path');
    expect(line).not.toContain('C-100500');
    expect(line).not.toContain(SECRET);

    await sender.close();
    const restarted = dispatcher();
    await restarted.ready;
    await settle();
    expect(restarted.pendingCount).toBe(0);
    expect(hook.requests).toHaveLength(3);
  });
});

describe('webhook metrics', () => {
  const project = 'new-year-traditions';
  /** A counter's or histogram's count for the project's series; counters are process-wide, so tests compare before and after. */
  const counts = async () => ({
    delivered:
      (await webhookDeliveries.get()).values.find((v) => v.labels.project === project && v.labels.outcome === 'delivered')?.value ?? 0,
    failed: (await webhookDeliveries.get()).values.find((v) => v.labels.project === project && v.labels.outcome === 'failed')?.value ?? 0,
    retries: (await webhookRetries.get()).values.find((v) => v.labels.project === project)?.value ?? 0,
    latencies:
      (await webhookDeliverySeconds.get()).values.find((v) => v.metricName === 'rekindle_webhook_delivery_seconds_count')?.value ?? 0,
  });

  it('counts a delivery, the retry before it and its latency', async () => {
    const hook = await receiver([500, 200]);
    const before = await counts();
    const sender = dispatcher();
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(sender.pendingCount).toBe(0));
    expect(await counts()).toEqual({
      ...before,
      delivered: before.delivered + 1,
      retries: before.retries + 1,
      latencies: before.latencies + 1,
    });
  });

  it('counts a delivery given up as failed, after its retries', async () => {
    const hook = await receiver([500, 500, 500]);
    const before = await counts();
    const sender = dispatcher({ retryDelaysMs: [5, 5] });
    sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(sender.logged).toHaveLength(1));
    expect(await counts()).toEqual({ ...before, failed: before.failed + 1, retries: before.retries + 2 });
  });
});

describe('webhook outbox across restarts', () => {
  it('does not resend a delivered webhook when a new dispatcher opens the same folder', async () => {
    const hook = await receiver();
    const before = dispatcher();
    before.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(before.pendingCount).toBe(0));
    await before.close();

    const after = dispatcher();
    await after.ready;
    await settle();
    expect(after.pendingCount).toBe(0);
    expect(hook.requests).toHaveLength(1);
  });

  it('sends after a crash what was queued before it, and not what was already delivered', async () => {
    const hook = await receiver([200, 'hold']);
    const child = spawnEnqueuer(hook.url, ['complete', 'gift-open']);
    await vi.waitFor(() => expect(hook.requests).toHaveLength(2), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await outboxText()).toContain('"op":"delivered"'));
    await child.kill();

    const [delivered, interrupted] = hook.deliveryIds();
    const restarted = dispatcher();
    await vi.waitFor(() => expect(hook.requests).toHaveLength(3));
    await vi.waitFor(() => expect(restarted.pendingCount).toBe(0));
    await settle();
    expect(hook.deliveryIds()).toEqual([delivered, interrupted, interrupted]);
    expect(isGenuine(hook.requests[2]!, 'crash-test-secret')).toBe(false);
    expect(isGenuine(hook.requests[2]!, SECRET)).toBe(true);
  });

  it('takes over, while running, the outbox of another process that crashed', async () => {
    const hook = await receiver(['hold']);
    const running = dispatcher({ adoptEveryMs: 50 });
    await running.ready;
    const child = spawnEnqueuer(hook.url, ['complete']);
    await vi.waitFor(() => expect(hook.requests).toHaveLength(1), { timeout: 10_000 });
    await settle();
    expect(running.pendingCount).toBe(0);

    await child.kill();
    await vi.waitFor(() => expect(hook.requests).toHaveLength(2));
    await vi.waitFor(() => expect(running.pendingCount).toBe(0));
    expect(hook.deliveryIds()[1]).toBe(hook.deliveryIds()[0]);
  });

  it('holds deliveries while the secret variable is unset, says so once, and sends them once it is set', async () => {
    const hook = await receiver();
    const unsigned = dispatcher({ secrets: {} });
    unsigned.enqueue(completion(hook.url));
    unsigned.enqueue(completion(hook.url, { type: 'gift-open' }));
    await vi.waitFor(() => expect(unsigned.logged).toHaveLength(1));
    await settle();

    expect(unsigned.logged).toHaveLength(1);
    expect(unsigned.logged[0]).toContain('environment variable HOOK_SECRET');
    expect(unsigned.logged[0]).toContain('new-year-traditions');
    expect(hook.requests).toHaveLength(0);
    expect(unsigned.pendingCount).toBe(2);
    await unsigned.close();

    const signed = dispatcher();
    await signed.ready;
    await vi.waitFor(() => expect(signed.pendingCount).toBe(0));
    expect(hook.requests.map((request) => request.headers['x-rekindle-event']).sort()).toEqual(['complete', 'gift-open']);
    expect(hook.requests.every((request) => isGenuine(request, SECRET))).toBe(true);
  });

  it('compacts its outbox file to the pending deliveries and keeps them', async () => {
    const hook = await receiver();
    const sender = dispatcher({ compactAfterBytes: 2000, secrets: { HOOK_SECRET: SECRET } });
    const waiting = projectWithWebhook({ url: hook.url, secretEnv: 'UNSET_SECRET', events: ['complete'] }, 'march-8');
    sender.enqueue(completion(hook.url, { project: waiting }));
    for (let index = 0; index < 30; index += 1) sender.enqueue(completion(hook.url));
    await vi.waitFor(() => expect(hook.requests).toHaveLength(30));
    await vi.waitFor(() => expect(sender.pendingCount).toBe(1));

    // Without compaction the file would hold 30 queued and 30 delivered lines, over 10 KB.
    const [file] = await outboxFiles();
    expect((await stat(join(dir, file!))).size).toBeLessThan(4000);
    await sender.close();

    const restarted = dispatcher({ secrets: { HOOK_SECRET: SECRET, UNSET_SECRET: SECRET } });
    await vi.waitFor(() => expect(hook.requests).toHaveLength(31));
    await vi.waitFor(() => expect(restarted.pendingCount).toBe(0));
    expect(JSON.parse(hook.requests[30]!.body).project).toBe('march-8');
  });

  it('keeps at most maxPending deliveries and says once that it dropped the rest', async () => {
    const sender = dispatcher({ secrets: {}, maxPending: 3 });
    for (let index = 0; index < 5; index += 1) sender.enqueue(completion('http://127.0.0.1:9/hook'));
    expect(sender.pendingCount).toBe(3);
    expect(sender.logged.filter((line) => line.includes('outbox is full'))).toHaveLength(1);
  });
});

async function outboxFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
}

async function outboxText(): Promise<string> {
  const texts = await Promise.all((await outboxFiles()).map((name) => readFile(join(dir, name), 'utf8')));
  return texts.join('');
}

/** Runs the enqueuing child on `dir`; `kill()` sends SIGKILL and waits for it to be gone. */
function spawnEnqueuer(url: string, types: string[]) {
  const script = fileURLToPath(new URL('./fixtures/enqueue-until-killed.ts', import.meta.url));
  const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
  const child = spawn(node, [script, dir, url, ...types], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return {
    async kill() {
      if (child.exitCode !== null) throw new Error(`the child exited before it was killed: ${stderr}`);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    },
  };
}
