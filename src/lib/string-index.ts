import { FirstOfKey } from './first-of-key.ts';
import { fnv1a } from './fnv1a.ts';

/**
 * A number for each of many distinct strings, such as a project's tokens and customer ids,
 * kept in typed arrays: filling a Map with a million strings took over a second of a
 * dashboard's report, and this takes a tenth of that. The first number set for a string stays.
 */
export class StringIndex {
  readonly #table = new FirstOfKey();
  /** The string of each number set. */
  readonly #keys: string[] = [];

  set(key: string, value: number): void {
    if (this.#table.firstOrAdd(fnv1a(key), value, (earlier) => this.#keys[earlier] === key) === undefined) this.#keys[value] = key;
  }

  get(key: string): number | undefined {
    return this.#table.find(fnv1a(key), (value) => this.#keys[value] === key);
  }
}
