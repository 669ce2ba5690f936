import type { Storage } from '../storage/types.ts';
import { csvLine, csvPreamble, PLAIN_CSV, type CsvDialect } from './csv-output.ts';
import { collectFacts, type FactsProject } from './facts.ts';

export const CUSTOMER_STATUS_HEADER = [
  'customer_id',
  'group',
  'visited',
  'completed',
  'gift',
  'reactivated',
  'first_visit_at',
  'completed_at',
  'answers',
  'arm',
] as const;

/**
 * One CSV line per linked customer (header first), for follow-up chains in the CRM: «visited but
 * did not finish», «completed, no purchase yet»… Flags are 1/0, times ISO; lines are yielded one
 * by one, so an HTTP response or a file can stream them; the first carries the dialect's BOM.
 * `answers` (src/crm/play-answers.ts) holds a survey's reasons, for chains that act on them;
 * `arm` the customer's A/B variant (empty for control and for projects without variants), so a
 * chain can follow up each arm its own way. It comes last, so chains built on the earlier
 * columns keep their positions.
 */
export async function* exportCustomerStatus(options: {
  project: FactsProject;
  storage: Pick<Storage, 'links' | 'events' | 'plays' | 'orders'>;
  now: Date;
  answers?: ReadonlyMap<string, string>;
  dialect?: CsvDialect;
}): AsyncGenerator<string> {
  const dialect = options.dialect ?? PLAIN_CSV;
  const facts = await collectFacts(options);
  yield csvPreamble(dialect) + csvLine(CUSTOMER_STATUS_HEADER, dialect);
  for (let index = 0; index < facts.size; index++) {
    const firstVisit = facts.firstVisitAt[index] ?? Number.NaN;
    const completed = facts.completedAt[index] ?? Number.NaN;
    yield csvLine(
      [
        facts.customerIds[index],
        facts.isControl[index] === 1 ? 'control' : 'target',
        flag(!Number.isNaN(firstVisit)),
        flag(!Number.isNaN(completed)),
        flag(facts.giftOpened[index] === 1),
        flag(!Number.isNaN(facts.reactivatedAt[index] ?? Number.NaN)),
        isoOrEmpty(firstVisit),
        isoOrEmpty(completed),
        options.answers?.get(facts.customerIds[index] ?? ''),
        facts.arms[facts.armIndex[index] ?? 0],
      ],
      dialect,
    );
  }
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}

function isoOrEmpty(at: number): string | undefined {
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}
