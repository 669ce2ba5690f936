import { getStorage } from '../storage/index.ts';
import { WebhookDispatcher, type WebhookInput } from './dispatcher.ts';

export { WebhookDispatcher, type WebhookDispatcherOptions, type WebhookInput } from './dispatcher.ts';
export { signatureOf, type WebhookEvent, type WebhookPayload } from './payload.ts';

/**
 * Kept on globalThis rather than in a module variable: the dev server may evaluate this module
 * again, and two dispatchers in one process would each retry the same deliveries.
 */
const SHARED = Symbol.for('rekindle.webhooks');
type WithSharedDispatcher = typeof globalThis & { [SHARED]?: WebhookDispatcher };

/**
 * The server's dispatcher on `<data dir>/webhooks`, started on first use. Calling it at server
 * start resumes deliveries left pending by the previous run without waiting for a new event.
 */
export function startWebhookWorker(): WebhookDispatcher {
  const holder = globalThis as WithSharedDispatcher;
  holder[SHARED] ??= new WebhookDispatcher({ openOutbox: async () => (await getStorage()).webhooks.open() });
  return holder[SHARED];
}

/** The shared dispatcher if it has started, for reading its state without starting it. */
export function runningWebhookWorker(): WebhookDispatcher | undefined {
  return (globalThis as WithSharedDispatcher)[SHARED];
}

/** Stops the shared dispatcher, waiting for requests in flight; pending ones resume at the next start. */
export async function stopWebhookWorker(): Promise<void> {
  const holder = globalThis as WithSharedDispatcher;
  const dispatcher = holder[SHARED];
  delete holder[SHARED];
  await dispatcher?.close();
}

/**
 * Reports a stored completion or gift opening to the project's webhook, if it has one for this
 * event. Returns at once and never throws: the webhook must not fail or slow down the player.
 */
export function enqueueWebhook(input: WebhookInput): void {
  if (!input.project.config.webhook?.events.includes(input.type)) return;
  try {
    startWebhookWorker().enqueue(input);
  } catch (error) {
    console.error(`[rekindle] webhook ${input.type} of project ${input.project.slug} was not queued:`, error);
  }
}
