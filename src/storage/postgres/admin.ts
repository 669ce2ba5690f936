import type { Sql } from 'postgres';
import { sessionKey } from '../memory-admin.ts';
import type { AdminStore } from '../types.ts';

/** Failures older than this are deleted as new ones come: far beyond any login window. */
const KEEP_FAILURES = '1 day';

/** Sign-in failures and sign-outs in tables every instance reads, so the limit and a sign-out hold everywhere. */
export function postgresAdminStore(sql: Sql): AdminStore {
  return {
    async recordLoginFailure(client, at) {
      await sql`INSERT INTO admin_login_failures (client, at) VALUES (${client}, ${new Date(at)})`;
      await sql`DELETE FROM admin_login_failures WHERE at < now() - ${KEEP_FAILURES}::interval`;
    },
    async loginFailures(client, since) {
      const rows = await sql<
        { at: Date }[]
      >`SELECT at FROM admin_login_failures WHERE client = ${client} AND at > ${new Date(since)} ORDER BY at`;
      return rows.map((row) => row.at.getTime());
    },
    async clearLoginFailures(client) {
      await sql`DELETE FROM admin_login_failures WHERE client = ${client}`;
    },
    async revokeSession(session, until) {
      await sql`DELETE FROM admin_revoked_sessions WHERE until < now()`;
      await sql`INSERT INTO admin_revoked_sessions (session, until) VALUES (${sessionKey(session)}, ${new Date(until)}) ON CONFLICT DO NOTHING`;
    },
    async isSessionRevoked(session, now) {
      const [row] = await sql`SELECT 1 FROM admin_revoked_sessions WHERE session = ${sessionKey(session)} AND until > ${new Date(now)}`;
      return row !== undefined;
    },
  };
}
