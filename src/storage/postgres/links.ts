import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql, TransactionSql } from 'postgres';
import { checkProjectName, tokenTakenError } from '../record-checks.ts';
import type { CustomerIds, LinkDetails, LinkRecord, LinkSource, LinkStore, LinkTally, NamedLinks, SegmentLinks } from '../types.ts';

interface LinkRow {
  token: string;
  customer_id: string;
  name: string | null;
  segment: string | null;
  spend: number | null;
  control: boolean;
  arm: string | null;
  imported_at: Date;
}

/** Customer ids per lookup query: big enough to amortise a round trip, small enough for one message. */
const LOOKUP_CHUNK = 10_000;
/** Lines per write to the COPY stream. */
const COPY_CHUNK = 2_000;

export function linkOf(project: string, row: LinkRow): LinkRecord {
  const link: LinkRecord = {
    project,
    token: row.token,
    customerId: row.customer_id,
    group: row.control ? 'control' : 'target',
    importedAt: row.imported_at.toISOString(),
  };
  if (row.name !== null) link.name = row.name;
  if (row.segment !== null) link.segment = row.segment;
  if (row.spend !== null) link.spend = row.spend;
  if (row.arm !== null) link.arm = row.arm;
  return link;
}

/**
 * Links in one table keyed by (project, token), unique by (project, customer_id). An import
 * streams its records into a temporary table with COPY, then one INSERT … SELECT takes the new
 * customers' first records, inside one transaction: all or nothing. Its cost is the two
 * indexes: inserting 1 000 000 rows into them takes several times the COPY (see bench/postgres.ts).
 */
export class PostgresLinkStore implements LinkStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async add(project: string, links: LinkSource): Promise<void> {
    checkProjectName(project);
    await this.#sql.begin(async (sql) => {
      // The million-row sort below stays in memory rather than going to disk.
      await sql`SET LOCAL work_mem = '256MB'`;
      await sql`CREATE TEMPORARY TABLE incoming (position integer, token text, customer_id text, name text, segment text, spend double precision, control boolean, arm text, imported_at timestamptz) ON COMMIT DROP`;
      const copy = await sql`COPY incoming FROM STDIN`.writable();
      await pipeline(Readable.from(copyLines(project, links)), copy);
      try {
        // ON CONFLICT skips known customers and, the rows coming by customer then position, the
        // later records of a customer; in customer order the customer index grows at its end.
        await sql.savepoint(
          (savepoint) => savepoint`
            INSERT INTO links (project, token, customer_id, name, segment, spend, control, arm, imported_at)
            SELECT ${project}, token, customer_id, name, segment, spend, control, arm, imported_at FROM incoming
            ORDER BY customer_id, position
            ON CONFLICT (project, customer_id) DO NOTHING`,
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') await throwTokenClash(sql, project);
        throw error;
      }
    });
  }

  /** One UPDATE over the details as arrays: a field left out (null) keeps the stored value. */
  async updateDetails(project: string, details: readonly LinkDetails[]): Promise<void> {
    if (details.length === 0) return;
    const column = <T>(pick: (detail: LinkDetails) => T | undefined) => details.map((detail) => pick(detail) ?? null);
    await this.#sql`
      UPDATE links l SET name = coalesce(d.name, l.name), segment = coalesce(d.segment, l.segment), spend = coalesce(d.spend, l.spend)
      FROM unnest(${column((detail) => detail.customerId)}::text[], ${column((detail) => detail.name)}::text[],
        ${column((detail) => detail.segment)}::text[], ${column((detail) => detail.spend)}::double precision[]) AS d(customer_id, name, segment, spend)
      WHERE l.project = ${project} AND l.customer_id = d.customer_id`;
  }

  async byToken(project: string, token: string): Promise<LinkRecord | undefined> {
    const [row] = await this.#sql<
      LinkRow[]
    >`SELECT token, customer_id, name, segment, spend, control, arm, imported_at FROM links WHERE project = ${project} AND token = ${token}`;
    return row && linkOf(project, row);
  }

  async byCustomerId(project: string, customerId: string): Promise<LinkRecord | undefined> {
    const [row] = await this.#sql<
      LinkRow[]
    >`SELECT token, customer_id, name, segment, spend, control, arm, imported_at FROM links WHERE project = ${project} AND customer_id = ${customerId}`;
    return row && linkOf(project, row);
  }

  async byCustomerIds(project: string, customerIds: CustomerIds, found: (index: number, link: LinkRecord) => void): Promise<void> {
    for (let first = 0; first < customerIds.size; first += LOOKUP_CHUNK) {
      const positions = new Map<string, number[]>();
      for (let index = first; index < Math.min(customerIds.size, first + LOOKUP_CHUNK); index++) {
        const id = customerIds.customerIdAt(index);
        const known = positions.get(id);
        if (known) known.push(index);
        else positions.set(id, [index]);
      }
      const rows = await this.#sql<LinkRow[]>`
        SELECT token, customer_id, name, segment, spend, control, arm, imported_at FROM links
        WHERE project = ${project} AND customer_id = ANY(${[...positions.keys()]}::text[])`;
      for (const row of rows) {
        for (const index of positions.get(row.customer_id) ?? []) found(index, linkOf(project, row));
      }
    }
  }

  async count(project: string): Promise<number> {
    const [row] = await this.#sql<{ count: number }[]>`SELECT count(*)::integer AS count FROM links WHERE project = ${project}`;
    return row?.count ?? 0;
  }

  async countsBySegment(project: string): Promise<Map<string, SegmentLinks>> {
    const rows = await this.#sql<{ segment: string; arm: string | null; total: number; control: number }[]>`
      SELECT coalesce(segment, '') AS segment, arm, count(*)::integer AS total, count(*) FILTER (WHERE control)::integer AS control
      FROM links WHERE project = ${project} GROUP BY 1, 2`;
    const counts = new Map<string, SegmentLinks>();
    for (const row of rows) {
      const count = counts.get(row.segment) ?? { total: 0, control: 0 };
      count.total += row.total;
      count.control += row.control;
      if (row.arm !== null) (count.arms ??= {})[row.arm] = (count.arms[row.arm] ?? 0) + row.total;
      counts.set(row.segment, count);
    }
    return counts;
  }

  /**
   * Two passes in the database, in one statement so they see one snapshot: the named links
   * whole (a hashed lookup of the given tokens and customer ids), and every link counted by
   * group, segment, spend band and arm (a hash aggregate of a handful of groups); the named ones
   * are then taken out of their tallies here. Cheaper than an anti-join, which sorts or spills a
   * million rows: 1 000 000 links with 100 000 visitors are about 100 000 rows over the wire.
   */
  async *summarize(project: string, named: NamedLinks): AsyncIterable<LinkRecord | LinkTally> {
    const tallies = new Map<string, LinkTally>();
    const namedPerTally = new Map<string, number>();
    const items = await this.#sql.begin(async (sql) => {
      // A million-row hash aggregate planned for many more groups than it finds must not be sorted instead.
      await sql`SET LOCAL work_mem = '64MB'`;
      await sql`SET LOCAL jit = off`;
      const rows = await sql<(LinkRow & { named: boolean; spend_band: number | null; count: number })[]>`
        SELECT true AS named, token, customer_id, name, segment, spend, control, arm, imported_at,
          width_bucket(spend, ${named.spendBounds as number[]}::double precision[]) AS spend_band, 1 AS count
        FROM links
        WHERE project = ${project}
          AND (token IN (SELECT unnest(${[...named.tokens]}::text[])) OR customer_id IN (SELECT unnest(${[...named.customerIds]}::text[])))
        UNION ALL
        SELECT false, '', '', NULL, segment, NULL, control, arm, 'epoch', width_bucket(spend, ${named.spendBounds as number[]}::double precision[]), count(*)::integer
        FROM links WHERE project = ${project}
        GROUP BY segment, control, arm, 10`;
      return rows;
    });
    for (const row of items) {
      const key = tallyKey(row);
      if (row.named) {
        namedPerTally.set(key, (namedPerTally.get(key) ?? 0) + 1);
        yield linkOf(project, row);
      } else tallies.set(key, tallyOf(row));
    }
    for (const [key, tally] of tallies) {
      tally.count -= namedPerTally.get(key) ?? 0;
      if (tally.count > 0) yield tally;
    }
  }

  async *scan(project: string): AsyncIterable<LinkRecord> {
    const rows = this.#sql<
      LinkRow[]
    >`SELECT token, customer_id, name, segment, spend, control, arm, imported_at FROM links WHERE project = ${project}`.cursor(1000);
    for await (const batch of rows) for (const row of batch) yield linkOf(project, row);
  }
}

function tallyKey(row: { control: boolean; segment: string | null; spend_band: number | null; arm: string | null }): string {
  return `${row.control}\n${row.segment ?? '\u0000'}\n${row.spend_band ?? ''}\n${row.arm ?? '\u0000'}`;
}

function tallyOf(row: {
  count: number;
  control: boolean;
  segment: string | null;
  spend_band: number | null;
  arm: string | null;
}): LinkTally {
  const tally: LinkTally = { count: row.count, group: row.control ? 'control' : 'target' };
  if (row.segment !== null) tally.segment = row.segment;
  if (row.spend_band !== null) tally.spendBand = row.spend_band;
  if (row.arm !== null) tally.arm = row.arm;
  return tally;
}

/**
 * Names the first new link whose token is taken, by a stored link or an earlier record of the
 * batch, once the insert has failed on it: finding it costs a self-join of the batch, which an
 * import that succeeds need not pay.
 */
async function throwTokenClash(sql: TransactionSql, project: string): Promise<void> {
  await sql`
    CREATE TEMPORARY TABLE fresh ON COMMIT DROP AS
    SELECT DISTINCT ON (customer_id) * FROM incoming i
    WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.project = ${project} AND l.customer_id = i.customer_id)
    ORDER BY customer_id, position`;
  const [clash] = await sql<{ token: string; customer_id: string; owner: string }[]>`
    (SELECT f.token, f.customer_id, l.customer_id AS owner FROM fresh f JOIN links l ON l.project = ${project} AND l.token = f.token LIMIT 1)
    UNION ALL
    (SELECT later.token, later.customer_id, earlier.customer_id FROM fresh later
      JOIN fresh earlier ON earlier.token = later.token AND earlier.position < later.position
      ORDER BY later.position LIMIT 1)
    LIMIT 1`;
  if (clash) throw tokenTakenError(project, { token: clash.token, customerId: clash.customer_id }, clash.owner);
}

/** The records as COPY text lines, a chunk at a time; refuses a record of another project. */
async function* copyLines(project: string, links: LinkSource): AsyncGenerator<string> {
  let position = 0;
  let chunk = '';
  for await (const link of links) {
    if (link.project !== project) {
      throw new Error(
        `links.add(${project}): record [${position}] has project "${link.project}"; expected "${project}". Nothing was added`,
      );
    }
    chunk += `${position}\t${copyText(link.token)}\t${copyText(link.customerId)}\t${copyText(link.name)}\t${copyText(link.segment)}\t${
      link.spend ?? '\\N'
    }\t${link.group === 'control' ? 't' : 'f'}\t${copyText(link.arm)}\t${link.importedAt}\n`;
    position++;
    if (position % COPY_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A value in COPY's text format: backslash, tab and line breaks escaped, undefined as NULL. */
function copyText(value: string | undefined): string {
  if (value === undefined) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character] ?? character);
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
