import type { Sql } from 'postgres';
import { MIGRATIONS, type Migration } from './migrations.ts';

/** Any fixed number: every instance asks for the same advisory lock before migrating. */
const MIGRATION_LOCK = 7_346_201;

/**
 * Applies the migrations the database lacks, each in its own transaction, and returns their
 * versions. Instances starting at the same moment queue on a session advisory lock, so each
 * migration runs once; the ones that waited find nothing left to do.
 */
export async function migrate(sql: Sql, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const connection = await sql.reserve();
  try {
    await connection`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await connection`
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`;
      const rows = await connection<{ version: number }[]>`SELECT version FROM schema_migrations`;
      const applied = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...applied);
      const known = Math.max(0, ...migrations.map((migration) => migration.version));
      if (newest > known) {
        throw new Error(
          `the database is at schema version ${newest}, newer than this Rekindle knows (${known}); run the newer Rekindle, or restore a backup`,
        );
      }
      const pending = migrations.filter((migration) => !applied.has(migration.version));
      for (const migration of pending) {
        try {
          // The lock stays with the reserved session; the migration runs in a transaction of its own.
          await sql.begin(async (transaction) => {
            await transaction.unsafe(migration.sql);
            await transaction`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`;
          });
        } catch (error) {
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
        }
      }
      return pending.map((migration) => migration.version);
    } finally {
      await connection`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    connection.release();
  }
}
