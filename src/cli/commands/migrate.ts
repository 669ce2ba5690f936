import { settings } from '../../environment/index.ts';
import { migrate as applyMigrations } from '../../storage/postgres/migrate.ts';
import { connect, createPostgresStorage, describeUrl } from '../../storage/postgres/index.ts';
import type { CliCommand } from '../main.ts';

/**
 * `rekindle migrate`: brings the PostgreSQL schema up to date before a deploy. The server does
 * the same at start, under the same advisory lock, so running both at once is safe.
 */
const migrate: CliCommand = {
  summary: 'apply the PostgreSQL schema migrations the database lacks (REKINDLE_DATABASE_URL)',
  usage: 'rekindle migrate          (REKINDLE_DATABASE_URL=postgres://user:password@host:5432/database)',
  async run(args) {
    if (args.length > 0) {
      console.error(`rekindle migrate takes no arguments. Usage: ${migrate.usage}`);
      return 2;
    }
    const url = settings().databaseUrl;
    if (url === undefined) {
      console.error('REKINDLE_DATABASE_URL is not set: the embedded store in the data folder needs no migrations.');
      return 1;
    }
    // Opening the store without migrating checks the URL and the connection with the server's own messages.
    await (await createPostgresStorage({ url, migrate: false })).close();
    const sql = connect({ url, maxConnections: 2 });
    try {
      const applied = await applyMigrations(sql);
      console.log(
        applied.length === 0
          ? `✓ ${describeUrl(url)} is up to date.`
          : `✓ applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')} to ${describeUrl(url)}.`,
      );
      return 0;
    } finally {
      await sql.end();
    }
  },
};

export default migrate;
