import type { Sql } from 'postgres';
import type { TrackedEvent } from '../types.ts';

interface Waiting {
  event: TrackedEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Events per INSERT at most: one statement of a few hundred rows commits in about the time of one. */
const MAX_BATCH = 1000;
/**
 * INSERTs in flight at once. One would leave events waiting a whole commit (an fsync) before
 * theirs starts; a few overlap the commits, which PostgreSQL flushes together.
 */
const MAX_IN_FLIGHT = 4;

/**
 * Group commit for events: appends that arrive while INSERTs are in flight wait and go in the
 * next one together, and each resolves only once its INSERT has committed. Under load this turns
 * thousands of one-row transactions into a few multi-row ones; alone, an event costs one.
 */
export class EventBatcher {
  readonly #sql: Sql;
  #waiting: Waiting[] = [];
  #inFlight = new Set<Promise<void>>();

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  append(event: TrackedEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ event, resolve, reject });
      if (this.#inFlight.size < MAX_IN_FLIGHT) this.#startInsert();
    });
  }

  /** Waits until every event appended so far is committed or refused. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  #startInsert(): void {
    // The batch is taken on the next tick, so appends made in the same tick share it.
    const insert = Promise.resolve()
      .then(() => this.#insertWaiting())
      .finally(() => {
        this.#inFlight.delete(insert);
        if (this.#waiting.length > 0 && this.#inFlight.size < MAX_IN_FLIGHT) this.#startInsert();
      });
    this.#inFlight.add(insert);
  }

  async #insertWaiting(): Promise<void> {
    const batch = this.#waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    try {
      await this.#insert(batch.map((waiting) => waiting.event));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  #insert(events: TrackedEvent[]): Promise<unknown> {
    return this.#sql`
      INSERT INTO events (project, type, at, player, data)
      SELECT project, type, at, player, data::jsonb FROM unnest(
        ${events.map((event) => event.project)}::text[],
        ${events.map((event) => event.type)}::text[],
        ${events.map((event) => event.at)}::timestamptz[],
        ${events.map((event) => event.player)}::text[],
        ${events.map((event) => (event.data === undefined ? null : JSON.stringify(event.data)))}::text[]
      ) AS batch(project, type, at, player, data)`;
  }
}
