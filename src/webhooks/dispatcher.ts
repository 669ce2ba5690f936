import { nanoid } from 'nanoid';
import { settings } from '../environment/index.ts';
import { webhookDeliveries, webhookDeliverySeconds, webhookRetries } from '../server/metrics.ts';
import type { LoadedProject } from '../config/load.ts';
import { OutboxFile } from '../storage/local/webhook-outbox.ts';
import type { OutboxDelivery, OutboxEntry, WebhookOutbox } from '../storage/types.ts';
import { signedRequest, type WebhookEvent, type WebhookPayload } from './payload.ts';

/** What the play service reports right after it stored a completion or a gift opening. */
export interface WebhookInput {
  project: LoadedProject;
  type: WebhookEvent;
  at: Date;
  /** From the personal link; anonymous players have none. */
  customerId?: string;
  player: 'link' | 'anon';
  summary?: { title: string; score?: { value: number; of: number }; facts?: Record<string, string> };
}

/** A delivery as the dispatcher queues it: the outbox keeps it, with this module's payload. */
export interface StoredDelivery extends OutboxDelivery {
  payload: WebhookPayload;
}

export interface WebhookDispatcherOptions {
  /** Opens the outbox (the server's comes from its Storage); or give `dir` for a file outbox there. */
  openOutbox?: () => Promise<WebhookOutbox>;
  /** Folder of a file outbox, when `openOutbox` is not given. */
  dir?: string;
  /**
   * Wait before each retry; one more attempt than there are delays.
   * @default 10 s, 30 s, 2 min, 10 min, 1 h, 1 h, 1 h (8 attempts over about 3 h 13 min)
   */
  retryDelaysMs?: readonly number[];
  /** Each delay is moved by up to this share at random, so failed deliveries do not retry in lockstep. @default 0.2 */
  jitter?: number;
  /** A receiver that has not answered by then counts as a failed attempt. @default 5000 */
  timeoutMs?: number;
  /** Deliveries held in memory at most; past it new events are dropped, with one log line. @default 10000 */
  maxPending?: number;
  /** Requests in flight at once. @default 4 */
  maxInFlight?: number;
  /** How often to look for outboxes left by processes that died. @default 60000 */
  adoptEveryMs?: number;
  /** The outbox file is compacted to its pending deliveries once it has grown by this much. @default 1 MiB */
  compactAfterBytes?: number;
  /** Where secrets are looked up by `webhook.secretEnv`. @default the environment's (src/environment) */
  secrets?: Readonly<Record<string, string | undefined>>;
  /** Receives one line per problem; never a secret, token or customer id. @default console.error */
  log?: (line: string) => void;
}

const MINUTE = 60_000;
const DEFAULT_RETRY_DELAYS_MS = [10_000, 30_000, 2 * MINUTE, 10 * MINUTE, 60 * MINUTE, 60 * MINUTE, 60 * MINUTE];
/** setTimeout fires at once for longer delays; a retry time that far off is clamped to it. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

type AttemptOutcome = { delivered: true; status: number } | { delivered: false; result: string };

/**
 * Sends each webhook until the receiver answers 2xx, retrying with exponential backoff, from a
 * durable outbox: a delivery is sent only after its `queued` line is synced, and its result is
 * logged after, so a crash at any point leads to a resend (at least once), never to a loss.
 */
export class WebhookDispatcher {
  /** Resolves once the outbox is open and abandoned outboxes have been adopted. */
  readonly ready: Promise<void>;
  readonly #openOutbox: () => Promise<WebhookOutbox>;
  /** Where the outbox is, for log lines. */
  readonly #where: string;
  readonly #retryDelaysMs: readonly number[];
  readonly #jitter: number;
  readonly #timeoutMs: number;
  readonly #maxPending: number;
  readonly #maxInFlight: number;
  readonly #compactAfterBytes: number;
  readonly #secrets: Readonly<Record<string, string | undefined>>;
  readonly #log: (line: string) => void;
  #outbox: WebhookOutbox | undefined;
  readonly #pending = new Map<string, StoredDelivery>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Ids whose time has come, waiting for a free request slot. */
  readonly #due: string[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  /** `queued` lines being written, so close() can wait for them. */
  readonly #queueing = new Set<Promise<void>>();
  /** Variable names already reported missing, so the log gets one line per variable. */
  readonly #reportedSecrets = new Set<string>();
  #reportedFull = false;
  #reportedOutboxFailure = false;
  /** Size of each pending delivery's `queued` line: what a compacted outbox would hold. */
  readonly #lineBytes = new Map<string, number>();
  #pendingBytes = 0;
  #adoptTimer: NodeJS.Timeout | undefined;
  /** The adoption under way, which close() waits for before closing the outbox it appends to. */
  #adopting: Promise<void> | undefined;
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    const dir = options.dir;
    this.#openOutbox = options.openOutbox ?? (() => OutboxFile.open(dir ?? 'webhooks'));
    this.#where = options.openOutbox ? 'webhook outbox' : `webhook outbox in ${dir}`;
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.#jitter = options.jitter ?? 0.2;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxPending = options.maxPending ?? 10_000;
    this.#maxInFlight = options.maxInFlight ?? 4;
    this.#compactAfterBytes = options.compactAfterBytes ?? 1024 * 1024;
    this.#secrets = options.secrets ?? settings().webhookSecrets;
    this.#log = options.log ?? ((line) => console.error(`[rekindle] ${line}`));
    this.ready = this.#start(options.adoptEveryMs ?? MINUTE);
  }

  /** Deliveries not yet delivered nor given up, including those waiting for a secret. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Queues the event if the project has a webhook for it, and returns at once: writing the
   * outbox and sending happen in the background, so a slow receiver never slows the player.
   */
  enqueue(input: WebhookInput): void {
    const webhook = input.project.config.webhook;
    if (this.#closed || !webhook?.events.includes(input.type)) return;
    if (this.#pending.size >= this.#maxPending) {
      this.#reportFull(input);
      return;
    }
    const delivery: StoredDelivery = {
      payload: payloadOf(input),
      url: webhook.url,
      secretEnv: webhook.secretEnv,
      attempts: 0,
    };
    this.#track(delivery);
    const queueing = this.#record([{ op: 'queued' as const, delivery }]).then(() => {
      this.#queueing.delete(queueing);
      this.#schedule(delivery);
    });
    this.#queueing.add(queueing);
  }

  /**
   * Stops retrying and waits for requests in flight and their results to be written. Deliveries
   * still pending stay in the outbox file, which the next process adopts.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#adoptTimer);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await this.ready;
    await Promise.all([this.#adopting, ...this.#queueing, ...this.#inFlight]);
    await this.#outbox?.close({ remove: this.#pending.size === 0 }).catch((error: unknown) => this.#reportOutboxFailure(error));
  }

  async #start(adoptEveryMs: number): Promise<void> {
    try {
      this.#outbox = await this.#openOutbox();
    } catch (error) {
      this.#reportOutboxFailure(error);
      return;
    }
    await this.#adopt();
    if (this.#closed) return;
    this.#adoptTimer = setInterval(() => void this.#adopt(), adoptEveryMs).unref();
  }

  #adopt(): Promise<void> {
    this.#adopting ??= this.#adoptAbandoned().finally(() => (this.#adopting = undefined));
    return this.#adopting;
  }

  async #adoptAbandoned(): Promise<void> {
    if (!this.#outbox || this.#closed) return;
    try {
      const { adopted, unreadableLines } = await this.#outbox.adoptAbandoned((id) => this.#pending.has(id));
      if (unreadableLines > 0) {
        this.#log(`${this.#where}: skipped ${unreadableLines} unreadable line(s) of a crashed process`);
      }
      // What comes back is what a dispatcher queued, payload and all.
      for (const delivery of adopted as StoredDelivery[]) {
        this.#track(delivery);
        this.#schedule(delivery);
      }
    } catch (error) {
      this.#log(`${this.#where}: could not take over a stopped process's outbox: ${String(error)}`);
    }
  }

  #schedule(delivery: StoredDelivery): void {
    if (this.#closed) return;
    const id = delivery.payload.id;
    const wait = delivery.retryAt === undefined ? 0 : Date.parse(delivery.retryAt) - Date.now();
    if (!(wait > 0)) {
      this.#due.push(id);
      this.#pump();
      return;
    }
    const timer = setTimeout(
      () => {
        this.#timers.delete(id);
        this.#due.push(id);
        this.#pump();
      },
      Math.min(wait, LONGEST_TIMER_MS),
    );
    this.#timers.set(id, timer.unref());
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight.size < this.#maxInFlight && this.#due.length > 0) {
      const delivery = this.#pending.get(this.#due.shift()!);
      if (!delivery) continue;
      const secret = this.#secrets[delivery.secretEnv];
      if (!secret) {
        this.#reportMissingSecret(delivery);
        continue;
      }
      const attempt = this.#attempt(delivery, secret).finally(() => {
        this.#inFlight.delete(attempt);
        this.#pump();
      });
      this.#inFlight.add(attempt);
    }
  }

  async #attempt(delivery: StoredDelivery, secret: string): Promise<void> {
    const outcome = await this.#send(delivery, secret);
    delivery.attempts += 1;
    const id = delivery.payload.id;
    const project = delivery.payload.project;
    if (outcome.delivered) {
      webhookDeliveries.inc({ project, outcome: 'delivered' });
      webhookDeliverySeconds.observe(Math.max(0, Date.now() - Date.parse(delivery.payload.occurredAt)) / 1000);
      this.#forget(id);
      await this.#record([{ op: 'delivered', id, attempts: delivery.attempts, status: outcome.status, at: now() }]);
      await this.#compactIfLarge();
      return;
    }
    if (delivery.attempts > this.#retryDelaysMs.length) {
      webhookDeliveries.inc({ project, outcome: 'failed' });
      this.#forget(id);
      this.#log(
        `webhook ${delivery.payload.type} of project ${delivery.payload.project} to ${originOf(delivery.url)} ` +
          `gave up after ${delivery.attempts} attempts (delivery ${id}); last: ${outcome.result}`,
      );
      await this.#record([{ op: 'gave-up', id, attempts: delivery.attempts, result: outcome.result, at: now() }]);
      await this.#compactIfLarge();
      return;
    }
    webhookRetries.inc({ project });
    delivery.retryAt = new Date(Date.now() + this.#backoff(delivery.attempts)).toISOString();
    await this.#record([{ op: 'retry', id, attempts: delivery.attempts, result: outcome.result, retryAt: delivery.retryAt }]);
    this.#schedule(delivery);
  }

  #track(delivery: StoredDelivery): void {
    const bytes = Buffer.byteLength(JSON.stringify({ op: 'queued' as const, delivery })) + 1;
    this.#pending.set(delivery.payload.id, delivery);
    this.#lineBytes.set(delivery.payload.id, bytes);
    this.#pendingBytes += bytes;
  }

  #forget(id: string): void {
    this.#pending.delete(id);
    this.#pendingBytes -= this.#lineBytes.get(id) ?? 0;
    this.#lineBytes.delete(id);
    // Re-armed only once the backlog has halved, so a queue hovering at the limit logs once, not per event.
    if (this.#pending.size < this.#maxPending / 2) this.#reportedFull = false;
  }

  async #send(delivery: StoredDelivery, secret: string): Promise<AttemptOutcome> {
    const { body, headers } = signedRequest(delivery.payload, secret, new Date());
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body,
        // A redirect is not an answer: following it would post the signed event somewhere unconfigured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? { delivered: true, status: response.status } : { delivered: false, result: `HTTP ${response.status}` };
    } catch (error) {
      return { delivered: false, result: this.#failureOf(error) };
    }
  }

  #failureOf(error: unknown): string {
    if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${this.#timeoutMs} ms`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `request failed: ${cause?.code ?? cause?.message ?? String(error)}`;
  }

  /** Exponential by default (the delays list), each moved at random by up to ±jitter. */
  #backoff(attempts: number): number {
    const delay = this.#retryDelaysMs[attempts - 1] ?? this.#retryDelaysMs.at(-1) ?? 0;
    return Math.round(delay * (1 + this.#jitter * (Math.random() * 2 - 1)));
  }

  /**
   * Writes outbox lines. If the outbox cannot be written, deliveries still go out from memory:
   * a crash would lose them, which beats not sending at all.
   */
  async #record(lines: OutboxEntry[]): Promise<void> {
    await this.ready;
    try {
      await this.#outbox?.append(lines);
    } catch (error) {
      this.#reportOutboxFailure(error);
    }
  }

  async #compactIfLarge(): Promise<void> {
    const outbox = this.#outbox;
    // Compacting only once at least half the file is finished deliveries means every byte rewritten
    // stands for a byte removed, so compaction never writes more than the appends did.
    if (!outbox || outbox.size < Math.max(this.#compactAfterBytes, 2 * this.#pendingBytes)) return;
    try {
      await outbox.compact([...this.#pending.values()]);
    } catch (error) {
      this.#reportOutboxFailure(error);
    }
  }

  #reportMissingSecret(delivery: StoredDelivery): void {
    if (this.#reportedSecrets.has(delivery.secretEnv)) return;
    this.#reportedSecrets.add(delivery.secretEnv);
    this.#log(
      `webhooks of project ${delivery.payload.project} are not sent: environment variable ${delivery.secretEnv} ` +
        `(webhook.secretEnv) is not set, and requests are never sent unsigned. Set it and restart the server; ` +
        `the waiting deliveries are sent then.`,
    );
  }

  #reportFull(input: WebhookInput): void {
    if (this.#reportedFull) return;
    this.#reportedFull = true;
    this.#log(
      `webhook outbox is full (${this.#maxPending} deliveries waiting): ${input.type} of project ` +
        `${input.project.slug} and later events are dropped until the receiver catches up.`,
    );
  }

  #reportOutboxFailure(error: unknown): void {
    if (this.#reportedOutboxFailure) return;
    this.#reportedOutboxFailure = true;
    this.#log(
      `${this.#where} cannot be written (${error instanceof Error ? error.message : String(error)}); ` +
        'webhooks are still sent, but those pending at a restart are lost.',
    );
  }
}

function payloadOf(input: WebhookInput): WebhookPayload {
  return {
    id: nanoid(),
    type: input.type,
    project: input.project.slug,
    occurredAt: input.at.toISOString(),
    customerId: input.customerId ?? null,
    player: input.player,
    summary: input.summary
      ? { title: input.summary.title, score: input.summary.score, ...(input.summary.facts ? { facts: input.summary.facts } : {}) }
      : null,
  };
}

/** Only the origin goes to the log: webhook URLs often carry an access key in their path. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

function now(): string {
  return new Date().toISOString();
}
