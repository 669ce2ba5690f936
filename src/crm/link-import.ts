import { nanoid } from 'nanoid';
import type { z } from 'zod';
import type { tierSchema } from '../config/schemas/project.ts';
import { tierFor } from '../gifts/rules.ts';
import { cliMessages } from '../i18n/cli-messages.ts';
import { grown } from '../lib/text-column.ts';
import type { TextEncodingName } from '../lib/text-encoding.ts';
import { TokenColumn } from '../lib/token-column.ts';
import type { AudienceGroup, LinkDetails, LinkRecord, LinkStore } from '../storage/types.ts';
import { assignArms } from './arms.ts';
import { assignGroups, controlDraw, type Newcomers } from './control.ts';
import { readCsvRows, type CsvSource } from './csv-input.ts';
import { CustomerTable } from './customer-table.ts';
import { writeMailMerge, type MailMergeDraft, type MailMergeFiles, type MailMergeFormats } from './mail-merge.ts';
import { CUSTOMER_COLUMNS, customerFromRow, differingFields, sameCustomerData, type CustomerRow } from './customers.ts';
import { ProblemList, type RowProblem } from './problems.ts';

type Tier = z.output<typeof tierSchema>;

/** What a link import needs of a project; a LoadedProject satisfies it. */
export interface LinkImportProject {
  slug: string;
  config: { reactivation: { controlShare: number }; tiers: readonly Tier[]; variants?: readonly { id: string }[] };
}

/** A customer of the imported file with their link, in file order. */
export interface ImportedCustomer extends CustomerRow {
  token: string;
  group: AudienceGroup;
  tier?: string;
  /** The A/B arm of a target customer in a project with arms. */
  arm?: string;
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
  /** The encoding the file was read in. */
  encoding: TextEncodingName;
  /** Distinct customers in the file. */
  customers: number;
  /** Rows repeating an earlier row of the same customer word for word; skipped. */
  repeatedRows: number;
  newLinks: number;
  existingLinks: number;
  /**
   * Existing customers whose row now gives another name, segment or spend than their stored
   * link. Their link keeps the stored data and group, so results stay comparable across imports.
   */
  changedExisting: number;
  /** Of those, how many differ in each field: a re-import of a repaired file shows up as names. */
  changedFields: ChangedFields;
  /** Whether those links took the file's data (`updateExisting`) or kept their own. */
  updatedExisting: boolean;
  target: number;
  control: number;
  /** Target customers of this file per A/B arm (empty without arms). */
  byArm: Record<string, number>;
  bySegment: SegmentSplit[];
}

export type ChangedFields = Record<'name' | 'segment' | 'spend', number>;

export type LinkImportResult =
  | { ok: true; customers: ImportedLinks; summary: LinkImportSummary; mailMerge?: MailMergeFiles }
  | { ok: false; rows: number; problems: ProblemList };

/**
 * The file's customers with their links, in file order, kept as columns (see CustomerTable);
 * iterating turns them into ImportedCustomer objects one at a time, and the mail merge reads
 * the columns directly: a million ready-made objects with their urls would cost hundreds of
 * megabytes the import does not need.
 */
export class ImportedLinks implements Iterable<ImportedCustomer> {
  readonly customers: CustomerTable;
  readonly tokens: TokenColumn;
  /** 1 for a control customer. */
  readonly isControl: Uint8Array;
  /** 1 for a customer who got their link in this import. */
  readonly isNew: Uint8Array;
  /** The A/B arm: 0 for none, else 1 + its place in `armNames`. */
  readonly arms: Uint8Array;
  readonly armNames: readonly string[];
  readonly #linkSpends: Float64Array;
  readonly #tiers: readonly Tier[];
  /** `<base>/<slug>?c=`: a personal url is this plus the token. */
  readonly urlPrefix: string;

  constructor(options: {
    customers: CustomerTable;
    tokens: TokenColumn;
    isControl: Uint8Array;
    isNew: Uint8Array;
    arms: Uint8Array;
    armNames: readonly string[];
    linkSpends: Float64Array;
    project: LinkImportProject;
    baseUrl: string;
  }) {
    this.customers = options.customers;
    this.tokens = options.tokens;
    this.isControl = options.isControl;
    this.isNew = options.isNew;
    this.arms = options.arms;
    this.armNames = options.armNames;
    this.#linkSpends = options.linkSpends;
    this.#tiers = options.project.config.tiers;
    this.urlPrefix = personalUrl(options.baseUrl, options.project.slug, '');
  }

  get size(): number {
    return this.customers.size;
  }

  /** The tier of the customer's link: from the spend stored with it, which a later file does not change. */
  tierAt(index: number): string | undefined {
    const spend = this.#linkSpends[index] ?? Number.NaN;
    return Number.isNaN(spend) ? undefined : tierFor(this.#tiers, spend)?.name;
  }

  armAt(index: number): string | undefined {
    return this.armNames[(this.arms[index] ?? 0) - 1];
  }

  *[Symbol.iterator](): Iterator<ImportedCustomer> {
    for (let index = 0; index < this.size; index++) {
      const token = this.tokens.at(index);
      yield {
        ...this.customers.rowAt(index),
        token,
        group: this.isControl[index] === 1 ? 'control' : 'target',
        tier: this.tierAt(index),
        arm: this.armAt(index),
        url: this.urlPrefix + token,
        isNew: this.isNew[index] === 1,
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
 * target and control per segment (see control.ts). With `updateExisting`, a customer who already
 * has a link gets the name, segment and spend of this file into it (never another token or
 * group), e.g. after a garbled file was imported first. With `mailMergeOut`, the mail-merge files
 * are written while the links are stored, and replace their targets only once both succeeded.
 * Throws CsvFileError when the file as a whole cannot be read (no customer_id column, broken
 * quoting).
 */
export async function importCustomerLinks(options: {
  project: LinkImportProject;
  storage: { links: LinkStore };
  source: CsvSource;
  baseUrl: string;
  now: Date;
  mailMergeOut?: string;
  mailMergeFormats?: MailMergeFormats;
  updateExisting?: boolean;
}): Promise<LinkImportResult> {
  const { project, storage, source, baseUrl, now, mailMergeOut } = options;
  const read = await readCustomers(source, project.slug);
  if (read.problems.count > 0) return { ok: false, rows: read.rows, problems: read.problems };

  const { customers } = read;
  const existing = await storage.links.countsBySegment(project.slug);
  const links = await existingLinks(storage.links, project, read, { lookUp: existing.size > 0, update: options.updateExisting === true });
  const newcomers = newcomersOf(customers, links.isNew, read.draws);
  const groups = assignGroups({ project: project.slug, share: project.config.reactivation.controlShare, newcomers, existing });
  groups.forEach((group, position) => {
    if (group === 'control') links.isControl[newcomers.indexes[position] ?? 0] = 1;
  });
  assignNewArms(project, customers, links, newcomers.indexes, existing);
  const imported = new ImportedLinks({ customers, ...links, project, baseUrl });
  const mailMerge = await storeAlongsideMailMerge(
    storage.links
      .add(project.slug, newLinkRecords(project.slug, now.toISOString(), customers, links, newcomers.indexes))
      .then(() => storage.links.updateDetails(project.slug, links.updates)),
    mailMergeOut === undefined ? undefined : writeMailMerge(imported, mailMergeOut, options.mailMergeFormats),
  );
  const summary = { ...summarize(imported, read, links), updatedExisting: options.updateExisting === true };
  return { ok: true, customers: imported, summary, mailMerge };
}

/**
 * Waits for the links to be stored and the mail-merge draft to be written, which run at the
 * same time, and commits the draft only when the links are stored. If the files fail, the
 * links are stored all the same; a second run writes the files with the same links.
 */
async function storeAlongsideMailMerge(
  storing: Promise<void>,
  drafting: Promise<MailMergeDraft> | undefined,
): Promise<MailMergeFiles | undefined> {
  const [stored, drafted] = await Promise.allSettled([storing, drafting]);
  if (stored.status === 'rejected') {
    if (drafted.status === 'fulfilled') await drafted.value?.discard();
    throw stored.reason;
  }
  if (drafted.status === 'rejected') throw drafted.reason;
  return drafted.value?.commit();
}

interface LinkColumns {
  tokens: TokenColumn;
  isControl: Uint8Array;
  isNew: Uint8Array;
  /** 0 for no arm, else 1 + the arm's place in `armNames`. */
  arms: Uint8Array;
  /** The project's arms in config order, then any arm of an earlier import the config no longer names. */
  armNames: string[];
  linkSpends: Float64Array;
  changedExisting: number;
  changedFields: ChangedFields;
  /** What to write into the existing links of changed customers, when the import updates them. */
  updates: LinkDetails[];
}

/**
 * Each customer's token: the stored link's when there is one (with its group and spend), else
 * the fresh one drawn as the file was read. The stored links are looked up all at once, which
 * reads each shard of the project once; none are looked up for a project that has no links yet.
 */
async function existingLinks(
  store: LinkStore,
  project: LinkImportProject,
  read: ReadCustomers,
  { lookUp, update }: { lookUp: boolean; update: boolean },
): Promise<LinkColumns> {
  const { customers } = read;
  const columns: LinkColumns = {
    tokens: read.tokens,
    isControl: new Uint8Array(customers.size),
    isNew: new Uint8Array(customers.size).fill(1),
    arms: new Uint8Array(customers.size),
    armNames: (project.config.variants ?? []).map((variant) => variant.id),
    linkSpends: new Float64Array(customers.size),
    changedExisting: 0,
    changedFields: { name: 0, segment: 0, spend: 0 },
    updates: [],
  };
  if (lookUp) {
    await store.byCustomerIds(project.slug, customers, (index, link) => {
      const inFile = { name: customers.nameAt(index), segment: customers.segmentAt(index), spend: customers.spendAt(index) };
      const changed = countChanges(columns, link, inFile);
      columns.tokens.set(index, link.token);
      columns.isControl[index] = link.group === 'control' ? 1 : 0;
      columns.isNew[index] = 0;
      columns.linkSpends[index] = link.spend ?? Number.NaN;
      if (update && changed.length > 0) {
        columns.updates.push({ customerId: link.customerId, ...Object.fromEntries(changed.map((field) => [field, inFile[field]])) });
        if (inFile.spend !== undefined) columns.linkSpends[index] = inFile.spend;
      }
      if (link.arm !== undefined) columns.arms[index] = armNumber(columns.armNames, link.arm);
    });
  }
  for (let index = 0; index < customers.size; index++) {
    if (columns.isNew[index] === 1) columns.linkSpends[index] = customers.spendAt(index) ?? Number.NaN;
  }
  return columns;
}

/** Counts the fields the file gives another value for than the stored link; a field the file leaves empty is no change. */
function countChanges(
  columns: LinkColumns,
  link: LinkRecord,
  inFile: Pick<LinkRecord, 'name' | 'segment' | 'spend'>,
): (keyof ChangedFields)[] {
  const changed = (['name', 'segment', 'spend'] as const).filter((field) => inFile[field] !== undefined && inFile[field] !== link[field]);
  for (const field of changed) columns.changedFields[field]++;
  if (changed.length > 0) columns.changedExisting++;
  return changed;
}

function armNumber(names: string[], arm: string): number {
  const place = names.indexOf(arm);
  return place === -1 ? names.push(arm) : place + 1;
}

/** Arms for the new target links (see arms.ts); nothing in a project without arms. */
function assignNewArms(
  project: LinkImportProject,
  customers: CustomerTable,
  links: LinkColumns,
  newIndexes: Uint32Array,
  existing: Parameters<typeof assignArms>[0]['existing'],
): void {
  const arms = (project.config.variants ?? []).map((variant) => variant.id);
  if (arms.length === 0) return;
  const targets = newIndexes.filter((index) => links.isControl[index] === 0);
  const chosen = assignArms({
    project: project.slug,
    arms,
    existing,
    newcomers: {
      size: targets.length,
      customerIdAt: (position) => customers.customerIdAt(targets[position] ?? 0),
      segmentAt: (position) => customers.segmentAt(targets[position] ?? 0) ?? '',
    },
  });
  targets.forEach((index, position) => {
    links.arms[index] = (chosen[position] ?? 0) + 1;
  });
}

function newcomersOf(customers: CustomerTable, isNew: Uint8Array, draws: Float64Array): Newcomers & { indexes: Uint32Array } {
  const indexes = new Uint32Array(isNew.reduce((sum, flag) => sum + flag, 0));
  let count = 0;
  isNew.forEach((flag, index) => {
    if (flag === 1) indexes[count++] = index;
  });
  return {
    indexes,
    size: indexes.length,
    customerIdAt: (position) => customers.customerIdAt(indexes[position] ?? 0),
    segmentAt: (position) => customers.segmentAt(indexes[position] ?? 0) ?? '',
    drawAt: (position) => draws[indexes[position] ?? 0] ?? 0,
  };
}

/** The new links, made one at a time as the store reads them, so a million records never exist at once. */
function* newLinkRecords(
  project: string,
  importedAt: string,
  customers: CustomerTable,
  links: LinkColumns,
  indexes: Uint32Array,
): Generator<LinkRecord> {
  for (const index of indexes) {
    const link: LinkRecord = {
      project,
      token: links.tokens.at(index),
      customerId: customers.customerIdAt(index),
      group: links.isControl[index] === 1 ? 'control' : 'target',
      importedAt,
    };
    const name = customers.nameAt(index);
    const segment = customers.segmentAt(index);
    const spend = customers.spendAt(index);
    const arm = links.armNames[(links.arms[index] ?? 0) - 1];
    if (name !== undefined) link.name = name;
    if (arm !== undefined) link.arm = arm;
    if (segment !== undefined) link.segment = segment;
    if (spend !== undefined) link.spend = spend;
    yield link;
  }
}

interface ReadCustomers {
  rows: number;
  encoding: TextEncodingName;
  repeatedRows: number;
  customers: CustomerTable;
  /**
   * Each customer's control-group draw and a fresh token, worked out as the file is read: the
   * parsing worker is the slower of the two threads then, so this costs no time. A customer
   * who turns out to have a link already keeps that link's token instead.
   */
  draws: Float64Array;
  tokens: TokenColumn;
  problems: ProblemList;
}

async function readCustomers(source: CsvSource, project: string): Promise<ReadCustomers> {
  const problems = new ProblemList();
  const customers = new CustomerTable();
  let draws = new Float64Array(1024);
  const tokens = new TokenColumn(1024);
  let repeatedRows = 0;
  const { rows, encoding } = await readCsvRows(source, CUSTOMER_COLUMNS, (row) => {
    const customer = customerFromRow(row);
    if (!('customerId' in customer)) {
      problems.add(customer);
      return;
    }
    const earlierIndex = customers.indexOf(customer.customerId);
    if (earlierIndex === undefined) {
      if (customers.size === draws.length) draws = grown(draws, draws.length * 2);
      draws[customers.size] = controlDraw(project, customer.customerId);
      tokens.set(customers.size, nanoid());
      customers.add(customer);
      return;
    }
    const earlier = customers.rowAt(earlierIndex);
    if (sameCustomerData(earlier, customer)) repeatedRows++;
    else problems.add(duplicateProblem(earlier, customer));
  });
  return { rows, encoding, repeatedRows, customers, draws, tokens, problems };
}

function duplicateProblem(earlier: CustomerRow, later: CustomerRow): RowProblem {
  return {
    line: later.line,
    message: cliMessages().rows.repeatedCustomer(later.customerId, earlier.line, differingFields(earlier, later)),
  };
}

function summarize(
  imported: ImportedLinks,
  read: Pick<ReadCustomers, 'rows' | 'encoding' | 'repeatedRows'>,
  changes: Pick<LinkColumns, 'changedExisting' | 'changedFields'>,
): Omit<LinkImportSummary, 'updatedExisting'> {
  const segments = new Map<string, SegmentSplit>();
  let newLinks = 0;
  let control = 0;
  const byArm: Record<string, number> = {};
  for (let index = 0; index < imported.size; index++) {
    const arm = imported.armAt(index);
    if (arm !== undefined) byArm[arm] = (byArm[arm] ?? 0) + 1;
    const segment = imported.customers.segmentAt(index) ?? '';
    let split = segments.get(segment);
    if (!split) {
      split = { segment, customers: 0, newLinks: 0, target: 0, control: 0 };
      segments.set(segment, split);
    }
    split.customers++;
    if (imported.isControl[index] === 1) {
      split.control++;
      control++;
    } else split.target++;
    if (imported.isNew[index] === 1) {
      split.newLinks++;
      newLinks++;
    }
  }
  return {
    rows: read.rows,
    encoding: read.encoding,
    customers: imported.size,
    repeatedRows: read.repeatedRows,
    newLinks,
    existingLinks: imported.size - newLinks,
    changedExisting: changes.changedExisting,
    changedFields: changes.changedFields,
    target: imported.size - control,
    control,
    byArm,
    bySegment: [...segments.values()].sort((a, b) => b.customers - a.customers || a.segment.localeCompare(b.segment)),
  };
}
