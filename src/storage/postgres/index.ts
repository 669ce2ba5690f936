import postgres, { type Sql } from 'postgres';
import { StorageSettingError } from '../errors.ts';
import { jsonCopy } from '../json-copy.ts';
import { checkBatchProject, checkPlayIdentity, checkProjectName } from '../record-checks.ts';
import type { OrderRecord, PlayRecord, ShareRecord, Storage, TrackedEvent } from '../types.ts';
import { EventBatcher } from './event-batch.ts';
import { PostgresLinkStore } from './links.ts';
import { migrate } from './migrate.ts';
import { reportingUnavailability } from './unavailable.ts';
import { postgresWebhookOutboxes } from './webhook-outbox.ts';
import { postgresAdminStore } from './admin.ts';

export const DATABASE_URL_SETTING = 'REKINDLE_DATABASE_URL';

/** Rows per round trip of a scan: 100 000 events of a report in 10 trips rather than 100 (a third of the time). */
const SCAN_BATCH = 10_000;

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Connections in this instance's pool. @default 10 */
  maxConnections?: number;
  /** Apply missing migrations on open (the server and CLI do; the `migrate` command reports them). @default true */
  migrate?: boolean;
}

/**
 * The store for several stateless app instances on one PostgreSQL database: every write is a
 * committed transaction before it resolves, so any instance can serve any request. Opening it
 * connects and brings the schema up to date; a malformed or unreachable URL is a
 * StorageSettingError naming REKINDLE_DATABASE_URL and the cause.
 */
export async function createPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const sql = connect(options);
  try {
    if (options.migrate ?? true) await migrate(sql);
    else await sql`SELECT 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw new StorageSettingError(`${DATABASE_URL_SETTING} (${describeUrl(options.url)}): ${causeOf(error)}`, { cause: error });
  }
  return reportingUnavailability(postgresStorage(sql));
}

/** A pool for `url`, refusing a URL that is not a PostgreSQL one before trying to connect. */
export function connect(options: Pick<PostgresStorageOptions, 'url' | 'maxConnections'>): Sql {
  const { url } = options;
  if (!URL.canParse(url) || !/^postgres(ql)?:$/.test(new URL(url).protocol)) {
    throw new StorageSettingError(
      `${DATABASE_URL_SETTING} is not a PostgreSQL URL (${describeUrl(url)}); expected postgres://user:password@host:5432/database`,
    );
  }
  return postgres(url, {
    max: options.maxConnections ?? 10,
    // Fail a request fast while the database is away rather than hold it; the pool reconnects by itself.
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: 'rekindle' },
  });
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  if (!URL.canParse(url)) return `"${url.replace(/:[^:@/]*@/, ':***@')}"`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

function causeOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'connection refused; is PostgreSQL running there, and is the port right?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no such host';
  if (code === 'CONNECT_TIMEOUT') return 'no answer within 5 s';
  if (code === '28P01' || code === '28000') return `access refused: ${message}`;
  if (code === '3D000') return `${message}; create it first (createdb)`;
  return message || String(code);
}

function postgresStorage(sql: Sql): Storage {
  const events = new EventBatcher(sql);

  return {
    links: new PostgresLinkStore(sql),

    plays: {
      async get(project, player) {
        const [row] = await sql<
          { record: PlayRecord | null }[]
        >`SELECT record FROM plays WHERE project = ${project} AND player = ${player}`;
        return row?.record ?? undefined;
      },
      async update(project, player, change) {
        checkProjectName(project);
        return sql.begin(async (transaction) => {
          // Creates the row if missing, so there is always a row to lock: concurrent first
          // updates of one player queue on it like later ones.
          await transaction`INSERT INTO plays (project, player) VALUES (${project}, ${player}) ON CONFLICT DO NOTHING`;
          const [row] = await transaction<{ record: PlayRecord | null }[]>`
            SELECT record FROM plays WHERE project = ${project} AND player = ${player} FOR UPDATE`;
          const next = jsonCopy(change(row?.record ?? undefined));
          checkPlayIdentity(next, project, player);
          await transaction`UPDATE plays SET record = ${transaction.json(next as postgres.JSONValue)} WHERE project = ${project} AND player = ${player}`;
          return next;
        });
      },
      async *scan(project) {
        const rows = sql<{ record: PlayRecord }[]>`SELECT record FROM plays WHERE project = ${project} AND record IS NOT NULL`.cursor(
          SCAN_BATCH,
        );
        for await (const batch of rows) for (const row of batch) yield row.record;
      },
    },

    events: {
      async append(event) {
        checkProjectName(event.project);
        await events.append(event);
      },
      async *scan(project) {
        const rows = sql<{ type: TrackedEvent['type']; at: Date; player: string; data: TrackedEvent['data'] | null }[]>`
          SELECT type, at, player, data FROM events WHERE project = ${project} ORDER BY id`.cursor(SCAN_BATCH);
        for await (const batch of rows) {
          for (const row of batch) {
            const event: TrackedEvent = { project, type: row.type, at: row.at.toISOString(), player: row.player };
            if (row.data !== null) event.data = row.data;
            yield event;
          }
        }
      },
    },

    promo: {
      async load(project, pool, codes) {
        checkProjectName(project);
        await sql.begin(async (transaction) => {
          // Two instances loading one pool at once take turns, so positions never interleave.
          await transaction`SELECT pg_advisory_xact_lock(hashtext(${`promo\n${project}\n${pool}`}))`;
          await transaction`
            INSERT INTO promo_codes (project, pool, position, code)
            SELECT ${project}, ${pool}, start.next + codes.ordinality, codes.code
            FROM unnest(${codes as string[]}::text[]) WITH ORDINALITY AS codes(code, ordinality),
              (SELECT coalesce(max(position), 0) AS next FROM promo_codes WHERE project = ${project} AND pool = ${pool}) AS start
            ON CONFLICT DO NOTHING`;
        });
      },
      async claim(project, pool, player) {
        const held = await heldCode(project, pool, player);
        if (held !== undefined) return held;
        try {
          // SKIP LOCKED: concurrent claims on any instance each take a different free code without waiting.
          const [row] = await sql<{ code: string }[]>`
            UPDATE promo_codes SET player = ${player}, claimed_at = now()
            WHERE (project, pool, code) = (
              SELECT project, pool, code FROM promo_codes
              WHERE project = ${project} AND pool = ${pool} AND player IS NULL
              ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING code`;
          return row?.code;
        } catch (error) {
          // Two claims of one player raced and the other won: the player keeps that code.
          if ((error as { code?: string }).code === '23505') return heldCode(project, pool, player);
          throw error;
        }
      },
      async taken(project, pool) {
        const [row] = await sql<{ count: number }[]>`
          SELECT count(*)::integer AS count FROM promo_codes WHERE project = ${project} AND pool = ${pool} AND player IS NOT NULL`;
        return row?.count ?? 0;
      },
    },

    shares: {
      async create(share) {
        checkProjectName(share.project);
        try {
          await sql`
            INSERT INTO shares (id, project, player, content, created_at)
            VALUES (${share.id}, ${share.project}, ${share.player}, ${sql.json(jsonCopy(share.content) as postgres.JSONValue)}, ${share.createdAt})`;
        } catch (error) {
          if ((error as { code?: string }).code === '23505')
            throw new Error(`shares.create: share id "${share.id}" already exists; expected a new id`);
          throw error;
        }
      },
      async get(id) {
        const [row] = await sql<{ project: string; player: string; content: ShareRecord['content']; created_at: Date }[]>`
          SELECT project, player, content, created_at FROM shares WHERE id = ${id}`;
        return row && { id, project: row.project, player: row.player, content: row.content, createdAt: row.created_at.toISOString() };
      },
    },

    orders: {
      async add(project, orders) {
        checkProjectName(project);
        checkBatchProject('orders.add', project, orders);
        if (orders.length === 0) return { added: 0, duplicates: 0 };
        const inserted = await sql`
          INSERT INTO orders (project, order_id, customer_id, ordered_at, amount)
          SELECT ${project}, * FROM unnest(
            ${orders.map((order) => order.orderId)}::text[],
            ${orders.map((order) => order.customerId)}::text[],
            ${orders.map((order) => order.orderedAt)}::timestamptz[],
            ${orders.map((order) => order.amount)}::double precision[])
          ON CONFLICT DO NOTHING`;
        return { added: inserted.count, duplicates: orders.length - inserted.count };
      },
      async *scan(project) {
        const rows = sql<{ order_id: string; customer_id: string; ordered_at: Date; amount: number }[]>`
          SELECT order_id, customer_id, ordered_at, amount FROM orders WHERE project = ${project}`.cursor(SCAN_BATCH);
        for await (const batch of rows) {
          for (const row of batch) {
            const order: OrderRecord = {
              project,
              orderId: row.order_id,
              customerId: row.customer_id,
              orderedAt: row.ordered_at.toISOString(),
              amount: row.amount,
            };
            yield order;
          }
        }
      },
    },

    webhooks: postgresWebhookOutboxes(sql),
    admin: postgresAdminStore(sql),

    async close() {
      await events.drain();
      await sql.end({ timeout: 5 });
    },
  };

  async function heldCode(project: string, pool: string, player: string): Promise<string | undefined> {
    const [row] = await sql<
      { code: string }[]
    >`SELECT code FROM promo_codes WHERE project = ${project} AND pool = ${pool} AND player = ${player}`;
    return row?.code;
  }
}
