import { nanoid } from 'nanoid';
import type { z } from 'zod';
import type { tierSchema } from '../config/schemas/project.ts';
import { tierFor } from '../gifts/index.ts';
import type { AudienceGroup, LinkRecord, LinkStore } from '../storage/types.ts';
import { assignGroups, type Newcomer, type SegmentCount } from './control.ts';
import { readCsvRows, type CsvSource } from './csv-input.ts';
import { CUSTOMER_COLUMNS, customerFromRow, differingFields, sameCustomerData, type CustomerRow } from './customers.ts';
import { ProblemList, type RowProblem } from './problems.ts';

type Tier = z.output<typeof tierSchema>;

/** What a link import needs of a project; a LoadedProject satisfies it. */
export interface LinkImportProject {
  slug: string;
  config: { reactivation: { controlShare: number }; tiers: readonly Tier[] };
}

/** A customer of the imported file with their link, in file order. */
export interface ImportedCustomer extends CustomerRow {
  token: string;
  group: AudienceGroup;
  tier?: string;
  /** The personal link; control customers have one too, but it is never written out. */
  url: string;
  /** False when the customer already had a link from an earlier import (same link, same group). */
  isNew: boolean;
}

export interface SegmentSplit {
  /** The segment as written in the file; '' for customers without one. */
  segment: string;
  customers: number;
  newLinks: number;
  target: number;
  control: number;
}

export interface LinkImportSummary {
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Distinct customers in the file. */
  customers: number;
  /** Rows repeating an earlier row of the same customer word for word; skipped. */
  repeatedRows: number;
  newLinks: number;
  existingLinks: number;
  /**
   * Existing customers whose row now differs from their stored link (e.g. a new segment). Their
   * link keeps the stored segment, spend and group, so results stay comparable across imports.
   */
  changedExisting: number;
  target: number;
  control: number;
  bySegment: SegmentSplit[];
}

export type LinkImportResult =
  | { ok: true; customers: ImportedLinks; summary: LinkImportSummary }
  | { ok: false; rows: number; problems: ProblemList };

/**
 * The file's customers with their links, in file order. Kept as aligned arrays and turned into
 * ImportedCustomer objects one at a time while iterating: a million ready-made objects with
 * their urls would cost hundreds of megabytes the import does not need.
 */
export class ImportedLinks implements Iterable<ImportedCustomer> {
  readonly #rows: readonly CustomerRow[];
  readonly #links: readonly LinkRecord[];
  readonly #isNew: Uint8Array;
  readonly #project: LinkImportProject;
  readonly #baseUrl: string;

  constructor(options: {
    rows: readonly CustomerRow[];
    links: readonly LinkRecord[];
    isNew: Uint8Array;
    project: LinkImportProject;
    baseUrl: string;
  }) {
    this.#rows = options.rows;
    this.#links = options.links;
    this.#isNew = options.isNew;
    this.#project = options.project;
    this.#baseUrl = options.baseUrl;
  }

  get size(): number {
    return this.#rows.length;
  }

  *[Symbol.iterator](): Iterator<ImportedCustomer> {
    const { slug, config } = this.#project;
    for (let index = 0; index < this.#rows.length; index++) {
      const row = this.#rows[index];
      const link = this.#links[index];
      if (!row || !link) continue;
      yield {
        ...row,
        token: link.token,
        group: link.group,
        tier: tierFor(config.tiers, link.spend)?.name,
        url: personalUrl(this.#baseUrl, slug, link.token),
        isNew: this.#isNew[index] === 1,
      };
    }
  }
}

/** `/<slug>?c=<token>` on the public site. */
export function personalUrl(baseUrl: string, slug: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${slug}?c=${token}`;
}

/**
 * Reads a customer export and gives every customer a personal link, all or nothing: if any row
 * is bad, nothing is stored and the problems come back with their line numbers. Customers who
 * already have a link (from an earlier file) keep it and their group; new ones are split into
 * target and control per segment (see control.ts). Throws CsvFileError when the file as a whole
 * cannot be read (no customer_id column, broken quoting).
 */
export async function importCustomerLinks(options: {
  project: LinkImportProject;
  storage: { links: LinkStore };
  source: CsvSource;
  baseUrl: string;
  now: Date;
}): Promise<LinkImportResult> {
  const { project, storage, source, baseUrl, now } = options;
  const read = await readCustomers(source);
  if (read.problems.count > 0) return { ok: false, rows: read.rows, problems: read.problems };

  const rows = read.customers;
  const existing = await segmentCounts(storage.links, project.slug);
  const stored = existing.size === 0 ? [] : await storedLinks(storage.links, project.slug, rows);
  const isNew = new Uint8Array(rows.length);
  const newcomers: Newcomer[] = [];
  rows.forEach((row, index) => {
    if (stored[index] !== undefined) return;
    isNew[index] = 1;
    newcomers.push({ customerId: row.customerId, segment: row.segment ?? '' });
  });
  const groups = assignGroups({ project: project.slug, share: project.config.reactivation.controlShare, newcomers, existing });
  const { links, newLinks, changedExisting } = linksFor(rows, stored, groups, { project: project.slug, importedAt: now.toISOString() });
  await storage.links.add(project.slug, newLinks);
  return {
    ok: true,
    customers: new ImportedLinks({ rows, links, isNew, project, baseUrl }),
    summary: summarize(rows, links, isNew, read, changedExisting),
  };
}

/**
 * Each row's link: the stored one when there is one, else a new link with a fresh token and the
 * group drawn for it (`groups` holds the newcomers' groups in row order).
 */
function linksFor(
  rows: readonly CustomerRow[],
  stored: readonly (LinkRecord | undefined)[],
  groups: readonly AudienceGroup[],
  fixed: { project: string; importedAt: string },
): { links: LinkRecord[]; newLinks: LinkRecord[]; changedExisting: number } {
  const links: LinkRecord[] = new Array<LinkRecord>(rows.length);
  const newLinks: LinkRecord[] = [];
  let changedExisting = 0;
  rows.forEach((row, index) => {
    const storedLink = stored[index];
    if (storedLink) {
      if (storedLink.segment !== row.segment || storedLink.spend !== row.spend) changedExisting++;
      links[index] = storedLink;
      return;
    }
    const link: LinkRecord = {
      ...fixed,
      token: nanoid(),
      customerId: row.customerId,
      name: row.name,
      segment: row.segment,
      spend: row.spend,
      group: groups[newLinks.length] ?? 'target',
    };
    links[index] = link;
    newLinks.push(link);
  });
  return { links, newLinks, changedExisting };
}

interface ReadCustomers {
  rows: number;
  repeatedRows: number;
  customers: CustomerRow[];
  problems: ProblemList;
}

async function readCustomers(source: CsvSource): Promise<ReadCustomers> {
  const problems = new ProblemList();
  const byId = new Map<string, CustomerRow>();
  // One string per distinct segment instead of one per row: a million rows share a handful.
  const segments = new Map<string, string>();
  let repeatedRows = 0;
  const rows = await readCsvRows(source, CUSTOMER_COLUMNS, (row) => {
    const customer = customerFromRow(row);
    if (!('customerId' in customer)) {
      problems.add(customer);
      return;
    }
    if (customer.segment !== undefined) {
      const shared = segments.get(customer.segment);
      if (shared === undefined) segments.set(customer.segment, customer.segment);
      else customer.segment = shared;
    }
    const earlier = byId.get(customer.customerId);
    if (!earlier) byId.set(customer.customerId, customer);
    else if (sameCustomerData(earlier, customer)) repeatedRows++;
    else problems.add(duplicateProblem(earlier, customer));
  });
  return { rows, repeatedRows, customers: [...byId.values()], problems };
}

function duplicateProblem(earlier: CustomerRow, later: CustomerRow): RowProblem {
  const fields = differingFields(earlier, later).join(', ');
  return {
    line: later.line,
    message: `customer_id ${later.customerId} already appears on line ${earlier.line} with a different ${fields}; keep one row per customer`,
  };
}

const LOOKUP_BATCH = 512;

/** The stored link of each customer (undefined for new ones), looked up a batch at a time. */
async function storedLinks(
  links: LinkStore,
  project: string,
  customers: readonly CustomerRow[],
): Promise<(LinkRecord | undefined)[]> {
  const found: (LinkRecord | undefined)[] = [];
  for (let start = 0; start < customers.length; start += LOOKUP_BATCH) {
    const batch = customers.slice(start, start + LOOKUP_BATCH);
    found.push(...(await Promise.all(batch.map((customer) => links.byCustomerId(project, customer.customerId)))));
  }
  return found;
}

/** Links already issued per segment, for stratifying a second file against the first. */
async function segmentCounts(links: LinkStore, project: string): Promise<Map<string, SegmentCount>> {
  const counts = new Map<string, SegmentCount>();
  for await (const link of links.scan(project)) {
    const key = link.segment ?? '';
    const count = counts.get(key) ?? { total: 0, control: 0 };
    count.total++;
    if (link.group === 'control') count.control++;
    counts.set(key, count);
  }
  return counts;
}

function summarize(
  rows: readonly CustomerRow[],
  links: readonly LinkRecord[],
  isNew: Uint8Array,
  read: Pick<ReadCustomers, 'rows' | 'repeatedRows'>,
  changedExisting: number,
): LinkImportSummary {
  const segments = new Map<string, SegmentSplit>();
  let newLinks = 0;
  let control = 0;
  rows.forEach((row, index) => {
    const segment = row.segment ?? '';
    let split = segments.get(segment);
    if (!split) {
      split = { segment, customers: 0, newLinks: 0, target: 0, control: 0 };
      segments.set(segment, split);
    }
    split.customers++;
    split[links[index]?.group ?? 'target']++;
    if (isNew[index] === 1) {
      split.newLinks++;
      newLinks++;
    }
    if (links[index]?.group === 'control') control++;
  });
  return {
    rows: read.rows,
    customers: rows.length,
    repeatedRows: read.repeatedRows,
    newLinks,
    existingLinks: rows.length - newLinks,
    changedExisting,
    target: rows.length - control,
    control,
    bySegment: [...segments.values()].sort((a, b) => b.customers - a.customers || a.segment.localeCompare(b.segment)),
  };
}
