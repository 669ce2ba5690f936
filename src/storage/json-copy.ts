/**
 * What a record looks like after a trip through storage. Both stores keep exactly this, so a
 * value that JSON cannot carry (a Date, undefined, a class instance) behaves the same in tests
 * on the memory store as in production.
 */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
