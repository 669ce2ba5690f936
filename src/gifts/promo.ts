import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
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

interface PoolRow {
  record: string[];
  info: { lines: number };
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;
const EXPECTED_CODE = 'expected 3–64 latin letters, digits, - or _';

/**
 * Parses a pool file: one code per line, an optional header line `code`, surrounding spaces
 * trimmed and blank lines skipped. Malformed and repeated codes are left out and reported with
 * their line, so one typo does not block the campaign but `npm run validate` shows it.
 */
export function parsePromoPool(text: string): PromoPool {
  let rows: PoolRow[];
  try {
    // csv-parse's types miss that `info: true` wraps each record with its line number.
    rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as PoolRow[];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    return { codes: [], problems: [{ line, message: `cannot be read as CSV: ${(error as Error).message}` }] };
  }

  const codes: string[] = [];
  const problems: PoolProblem[] = [];
  const firstLineOf = new Map<string, number>();
  rows.forEach(({ record, info }, index) => {
    const line = info.lines;
    const values = record.filter((value) => value !== '');
    if (values.length === 0) return;
    if (index === 0 && values.length === 1 && values[0]!.toLowerCase() === 'code') return;
    if (values.length > 1) {
      problems.push({ line, message: `has ${values.length} values; expected one code per line` });
      return;
    }
    const code = values[0]!;
    if (!CODE.test(code)) {
      problems.push({ line, message: `"${code}" is not a promo code; ${EXPECTED_CODE}` });
      return;
    }
    const firstLine = firstLineOf.get(code);
    if (firstLine !== undefined) {
      problems.push({ line, message: `code ${code} repeats line ${firstLine}; each code must be given once` });
      return;
    }
    firstLineOf.set(code, line);
    codes.push(code);
  });
  if (codes.length === 0 && problems.length === 0) problems.push({ message: `has no codes; ${EXPECTED_CODE}, one per line` });
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
