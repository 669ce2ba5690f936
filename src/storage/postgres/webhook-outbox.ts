import { nanoid } from 'nanoid';
import type postgres from 'postgres';
import type { Sql } from 'postgres';
import type { OutboxDelivery, OutboxEntry, WebhookOutbox, WebhookOutboxStore } from '../types.ts';

/**
 * How long an instance's hold on its deliveries lasts without renewal. The dispatcher renews
 * it every minute (each adoption round), so only an instance that died lets it lapse; then
 * another adopts its deliveries within this time plus a minute.
 */
const HOLD = '5 minutes';

/**
 * The webhook outbox of every instance in one table. Each row is held by the instance sending
 * it; rows whose hold lapsed (or that a closing instance released) are claimed with
 * FOR UPDATE SKIP LOCKED, so each goes to exactly one other instance.
 */
export function postgresWebhookOutboxes(sql: Sql): WebhookOutboxStore {
  return {
    async open(): Promise<WebhookOutbox> {
      const holder = nanoid();
      return {
        size: 0,
        async append(entries) {
          await sql.begin(async (transaction) => {
            for (const entry of entries) await record(transaction, holder, entry);
          });
        },
        async adoptAbandoned(isKnown) {
          await sql`UPDATE webhook_outbox SET held_until = greatest(held_until, now() + ${HOLD}::interval) WHERE holder = ${holder}`;
          const rows = await sql<{ delivery: OutboxDelivery; attempts: number; retry_at: Date | null }[]>`
            UPDATE webhook_outbox SET holder = ${holder}, held_until = now() + ${HOLD}::interval
            WHERE id IN (SELECT id FROM webhook_outbox WHERE held_until < now() ORDER BY held_until LIMIT 1000 FOR UPDATE SKIP LOCKED)
            RETURNING delivery, attempts, retry_at`;
          const adopted = rows.map((row): OutboxDelivery => {
            const delivery: OutboxDelivery = { ...row.delivery, attempts: row.attempts };
            delete delivery.retryAt;
            if (row.retry_at) delivery.retryAt = row.retry_at.toISOString();
            return delivery;
          });
          return { adopted: adopted.filter((delivery) => !isKnown(delivery.payload.id)), unreadableLines: 0 };
        },
        async compact() {},
        async close() {
          // What is still pending goes to the next instance that looks, without waiting for the hold to lapse.
          await sql`UPDATE webhook_outbox SET held_until = now() - interval '1 second' WHERE holder = ${holder}`;
        },
      };
    },
  };
}

async function record(sql: Sql | postgres.TransactionSql, holder: string, entry: OutboxEntry): Promise<void> {
  switch (entry.op) {
    case 'queued': {
      const { delivery } = entry;
      await sql`
        INSERT INTO webhook_outbox (id, delivery, attempts, retry_at, holder, held_until)
        VALUES (${delivery.payload.id}, ${sql.json(delivery as unknown as postgres.JSONValue)}, ${delivery.attempts},
          ${delivery.retryAt ?? null}, ${holder}, greatest(now(), coalesce(${delivery.retryAt ?? null}::timestamptz, now())) + ${HOLD}::interval)
        ON CONFLICT (id) DO NOTHING`;
      return;
    }
    case 'retry':
      await sql`
        UPDATE webhook_outbox SET attempts = ${entry.attempts}, retry_at = ${entry.retryAt},
          held_until = ${entry.retryAt}::timestamptz + ${HOLD}::interval
        WHERE id = ${entry.id}`;
      return;
    case 'delivered':
    case 'gave-up':
      await sql`DELETE FROM webhook_outbox WHERE id = ${entry.id}`;
  }
}
