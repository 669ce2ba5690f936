import type { AstroCookieSetOptions } from 'astro';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * A request's cookies and the ones its answer sets: what identifying a player needs. Astro's
 * `Astro.cookies` is one; `NodeCookieJar` is the same for answers written straight to Node.
 */
export interface CookieJar {
  get(name: string): { value: string } | undefined;
  has(name: string): boolean;
  set(name: string, value: string, options: AstroCookieSetOptions): void;
  delete(name: string, options: CookieDeleteOptions): void;
}

type CookieDeleteOptions = Omit<AstroCookieSetOptions, 'expires' | 'maxAge' | 'encode'>;

/** Astro's deleted-cookie value and date, so both jars send the same header. */
const DELETED_VALUE = 'deleted';
const DELETED_EXPIRATION = new Date(0);

/** The Cookie header read and Set-Cookie headers written exactly as Astro's cookies do it (the same `cookie` library). */
export class NodeCookieJar implements CookieJar {
  readonly #received: Record<string, string | undefined>;
  readonly #outgoing = new Map<string, { value: string | undefined; header: string }>();

  constructor(cookieHeader: string | undefined) {
    this.#received = cookieHeader ? parseCookie(cookieHeader, { decode: (value) => value }) : {};
  }

  get(name: string): { value: string } | undefined {
    const value = this.#outgoing.has(name) ? this.#outgoing.get(name)?.value : this.#received[name];
    return value === undefined ? undefined : { value };
  }

  has(name: string): boolean {
    return this.#outgoing.has(name) ? this.#outgoing.get(name)?.value !== undefined : this.#received[name] !== undefined;
  }

  set(name: string, value: string, options: AstroCookieSetOptions): void {
    this.#outgoing.set(name, { value, header: stringifySetCookie({ ...options, name, value }) });
  }

  delete(name: string, options: CookieDeleteOptions): void {
    const header = stringifySetCookie({ ...options, name, value: DELETED_VALUE, expires: DELETED_EXPIRATION, maxAge: undefined });
    this.#outgoing.set(name, { value: undefined, header });
  }

  /** The Set-Cookie headers of the answer. */
  setCookieHeaders(): string[] {
    return [...this.#outgoing.values()].map(({ header }) => header);
  }
}
