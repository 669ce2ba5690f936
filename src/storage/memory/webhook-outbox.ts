import { jsonCopy } from '../json-copy.ts';
import type { OutboxDelivery, WebhookOutbox, WebhookOutboxStore } from '../types.ts';

/**
 * The outbox contract in memory: pending deliveries belong to the outbox that queued or adopted
 * them until it closes; then another may adopt them. Nothing survives the process.
 */
export function memoryWebhookOutboxes(): WebhookOutboxStore {
  const pending = new Map<string, { delivery: OutboxDelivery; holder: object | undefined }>();
  return {
    async open(): Promise<WebhookOutbox> {
      const self = {};
      return {
        size: 0,
        async append(entries) {
          for (const entry of entries) {
            if (entry.op === 'queued') pending.set(entry.delivery.payload.id, { delivery: jsonCopy(entry.delivery), holder: self });
            else if (entry.op === 'retry') {
              const held = pending.get(entry.id);
              if (held) Object.assign(held.delivery, { attempts: entry.attempts, retryAt: entry.retryAt });
            } else pending.delete(entry.id);
          }
        },
        async adoptAbandoned(isKnown) {
          const adopted: OutboxDelivery[] = [];
          for (const [id, held] of pending) {
            if (held.holder !== undefined || isKnown(id)) continue;
            held.holder = self;
            adopted.push(jsonCopy(held.delivery));
          }
          return { adopted, unreadableLines: 0 };
        },
        async compact() {},
        async close() {
          for (const held of pending.values()) if (held.holder === self) held.holder = undefined;
        },
      };
    },
  };
}
