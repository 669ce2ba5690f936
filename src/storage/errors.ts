/**
 * The configured store cannot be opened (a malformed or unreachable REKINDLE_DATABASE_URL). The
 * message names the setting and the cause and is meant for the operator as it is: the server and
 * the CLI print it without a stack trace and refuse to start.
 */
export class StorageSettingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageSettingError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'StorageSettingError');
  }
}

/**
 * The store is there but cannot be reached right now (the database restarts, the network is
 * down). Requests answer 503 and may be retried; the store reconnects by itself.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'StorageUnavailableError');
  }
}

/**
 * `instanceof` by name: the built server bundles its own copy of this module while
 * node-server.ts opens the store through the source one, so one error meets two classes.
 */
function hasBrand(value: unknown, name: string): boolean {
  return value instanceof Error && value.name === name;
}
