/**
 * The PostgreSQL schema as numbered migrations, applied in order and each once (see migrate.ts).
 * A released migration is never edited: a change is a new entry at the end. Kept as TypeScript
 * rather than .sql files so the built server bundle carries them without a file lookup.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: /* sql */ `
      CREATE TABLE links (
        project text NOT NULL,
        token text NOT NULL,
        customer_id text NOT NULL,
        name text,
        segment text,
        spend double precision,
        control boolean NOT NULL,
        imported_at timestamptz NOT NULL,
        PRIMARY KEY (project, token)
      );
      CREATE UNIQUE INDEX links_by_customer ON links (project, customer_id);

      -- record is the whole PlayRecord; NULL only inside the transaction that creates the row.
      CREATE TABLE plays (
        project text NOT NULL,
        player text NOT NULL,
        record jsonb,
        PRIMARY KEY (project, player)
      );

      CREATE TABLE events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project text NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        player text NOT NULL,
        data jsonb
      );
      CREATE INDEX events_by_project ON events (project, id);

      CREATE TABLE promo_codes (
        project text NOT NULL,
        pool text NOT NULL,
        position integer NOT NULL,
        code text NOT NULL,
        player text,
        claimed_at timestamptz,
        PRIMARY KEY (project, pool, code)
      );
      -- A player holds at most one code of a pool, whichever instance claimed it.
      CREATE UNIQUE INDEX promo_codes_by_player ON promo_codes (project, pool, player) WHERE player IS NOT NULL;
      CREATE INDEX promo_codes_free ON promo_codes (project, pool, position) WHERE player IS NULL;

      CREATE TABLE shares (
        id text PRIMARY KEY,
        project text NOT NULL,
        player text NOT NULL,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE orders (
        project text NOT NULL,
        order_id text NOT NULL,
        customer_id text NOT NULL,
        ordered_at timestamptz NOT NULL,
        amount double precision NOT NULL,
        PRIMARY KEY (project, order_id)
      );
    `,
  },
  {
    version: 2,
    name: 'webhook outbox',
    sql: /* sql */ `
      -- A delivery waiting to be sent, held by the instance sending it until held_until.
      CREATE TABLE webhook_outbox (
        id text PRIMARY KEY,
        delivery jsonb NOT NULL,
        attempts integer NOT NULL,
        retry_at timestamptz,
        holder text NOT NULL,
        held_until timestamptz NOT NULL
      );
      CREATE INDEX webhook_outbox_by_hold ON webhook_outbox (held_until);
    `,
  },
  {
    version: 3,
    name: 'admin sign-in',
    sql: /* sql */ `
      CREATE TABLE admin_login_failures (client text NOT NULL, at timestamptz NOT NULL);
      CREATE INDEX admin_login_failures_by_client ON admin_login_failures (client, at);
      -- A sign-out: the session cookie's SHA-256, refused until the cookie would have expired anyway.
      CREATE TABLE admin_revoked_sessions (session text PRIMARY KEY, until timestamptz NOT NULL);
    `,
  },
  {
    version: 4,
    name: 'link arms',
    sql: /* sql */ `
      -- The A/B arm of a target link in a project with arms.
      ALTER TABLE links ADD COLUMN arm text;
    `,
  },
];
