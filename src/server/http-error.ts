/**
 * One error shape for every API response, like umami's: `{ error: { message, code, status } }`.
 * `code` is a permanent machine name; `message` says what happened and what to do.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** More fields for the error object, e.g. every problem of a batch. */
  readonly details: Record<string, unknown>;
  /** Headers the answer needs, e.g. Retry-After on a 503. */
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    extra: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = extra.details ?? {};
    this.headers = extra.headers ?? {};
  }
}
