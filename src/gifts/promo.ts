import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cliMessages } from '../i18n/cli-messages.ts';
import { CsvFileError, csvRecords } from '../lib/csv-records.ts';
import type { PromoCodeGift } from '../config/schemas/gift.ts';
import type { GiftProject } from './types.ts';

export interface PoolProblem {
  /** 1-based line of the pool file, when the problem has one. */
  line?: number;
  message: string;
}

export interface PromoPool {
  /** Valid codes in file order, each once: the list `storage.promo.claim` hands out from. */
  codes: string[];
  problems: PoolProblem[];
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;

/**
 * Parses a pool file: one code per line, an optional header line `code`, surrounding spaces
 * trimmed and blank lines skipped. Malformed and repeated codes are left out and reported with
 * their line, so one typo does not block the campaign but `npm run validate` shows it.
 */
export function parsePromoPool(text: string): PromoPool {
  let records: { record: string[]; line: number }[];
  try {
    records = csvRecords(text, 'pool');
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    return { codes: [], problems: [{ line: error.line, message: error.reason }] };
  }

  const words = cliMessages().validator.gifts;
  const codes: string[] = [];
  const problems: PoolProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let isFirst = true;
  for (const { record, line } of records) {
    const values = record.map((value) => value.trim()).filter((value) => value !== '');
    if (values.length === 0) continue;
    const isHeader = isFirst && values.length === 1 && values[0]?.toLowerCase() === 'code';
    isFirst = false;
    if (isHeader) continue;
    if (values.length > 1) {
      problems.push({ line, message: words.poolValues(values.length) });
      continue;
    }
    const code = values[0] ?? '';
    if (!CODE.test(code)) {
      problems.push({ line, message: words.notCode(code) });
      continue;
    }
    const firstLine = firstLineOf.get(code);
    if (firstLine !== undefined) {
      problems.push({ line, message: words.repeatedCode(code, firstLine) });
      continue;
    }
    firstLineOf.set(code, line);
    codes.push(code);
  }
  if (codes.length === 0 && problems.length === 0) problems.push({ message: words.noCodes });
  return { codes, problems };
}

const cache = new Map<string, { version: string; pool: PromoPool }>();

/**
 * Reads the gift's pool file, re-parsing it only when it changes: a CRM team may append codes to
 * a running campaign whose pool ran out.
 */
export async function loadPromoPool(project: GiftProject, gift: PromoCodeGift): Promise<PromoPool> {
  const file = path.join(project.dir, gift.pool);
  const { mtimeMs, size } = await stat(file);
  const version = `${mtimeMs}:${size}`;
  const cached = cache.get(file);
  if (cached?.version === version) return cached.pool;
  const pool = parsePromoPool(await readFile(file, 'utf8'));
  cache.set(file, { version, pool });
  return pool;
}
