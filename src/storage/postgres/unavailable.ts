import { StorageUnavailableError } from '../errors.ts';
import type { Storage } from '../types.ts';

/** Node socket errors and the driver's own codes for a connection that is gone or never came. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
]);

/** True for an error that says the database cannot be reached now, not that the request is wrong. */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return false;
  // Class 08: connection exception; 57P01–57P03: the server shuts down, crashed or is starting.
  return CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code);
}

function translated(error: unknown): unknown {
  if (!isConnectionLoss(error)) return error;
  return new StorageUnavailableError(`the database cannot be reached (${(error as { code: string }).code})`, { cause: error });
}

/**
 * Wraps every method of every sub-store so a lost connection surfaces as a
 * StorageUnavailableError (a 503 for the request) rather than a driver error (a 500).
 */
export function reportingUnavailability(storage: Storage): Storage {
  const wrapped: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(storage)) {
    wrapped[name] = typeof part === 'function' ? wrapFunction(part.bind(storage)) : wrapObject(part as object);
  }
  return wrapped as unknown as Storage;
}

function wrapObject(part: object): object {
  const wrapped: Record<string, unknown> = {};
  let prototype: object | null = part;
  while (prototype && prototype !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const value = (part as Record<string, unknown>)[key];
      if (key !== 'constructor' && typeof value === 'function' && !(key in wrapped)) wrapped[key] = wrapFunction(value.bind(part));
    }
    prototype = Object.getPrototypeOf(prototype);
  }
  return wrapped;
}

function wrapFunction(method: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    const result = method(...args);
    if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(translated(error)));
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) return translatedIterable(result as AsyncIterable<unknown>);
    return result;
  };
}

async function* translatedIterable<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    throw translated(error);
  }
}
