import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { settings } from '../environment/index.ts';

/**
 * Who a request is from and which site it was sent to, decided in one place. Behind a TLS proxy
 * the socket says `http://127.0.0.1:8080` and the proxy's address: neither is what the browser
 * saw. The public origin is REKINDLE_PUBLIC_URL when it is set, else what a trusted proxy says in
 * X-Forwarded-Proto/-Host, else the request itself. Forwarded headers from anyone else are
 * ignored: a stranger could otherwise pick the origin of our links or the address the login
 * limiter counts.
 */

/** What is known of a request before any framework reads it. */
export interface RequestFacts {
  /** The address of the socket's peer: the proxy, when there is one. */
  peerAddress: string | undefined;
  /** The connection itself is TLS (the server terminates it). */
  encrypted: boolean;
  header(name: string): string | null | undefined;
}

export interface ProxySettings {
  /** REKINDLE_PUBLIC_URL's origin */
  publicOrigin?: string | undefined;
  /** REKINDLE_TRUSTED_PROXIES: addresses, CIDR ranges or proxy-addr's names (`loopback`, `uniquelocal`). */
  trustedProxies?: readonly string[];
}

/** The origin and client address of one request. */
export interface RequestIdentity {
  publicOrigin: string;
  clientAddress: string;
  /** Cookies get `Secure` when the public origin is https. */
  secure: boolean;
}

let compiled: { source: string; trust: (address: string, hop: number) => boolean } | undefined;

/** The proxies to trust, as a `proxy-addr` test; compiled once per setting. */
function trustOf(list: readonly string[] = []): (address: string, hop: number) => boolean {
  const source = list.join(',');
  if (compiled?.source !== source) compiled = { source, trust: proxyaddr.compile([...list]) };
  return compiled.trust;
}

export function identifyRequest(facts: RequestFacts, settings: ProxySettings = proxySettings()): RequestIdentity {
  const trust = trustOf(settings.trustedProxies);
  const peer = facts.peerAddress ?? '';
  const fromTrustedProxy = isTrustedProxy(peer, settings);
  const publicOrigin = settings.publicOrigin ?? requestOrigin(facts, fromTrustedProxy);
  const forwardedFor = facts.header('x-forwarded-for') ?? undefined;
  const clientAddress = proxyaddr({ socket: { remoteAddress: peer }, headers: { 'x-forwarded-for': forwardedFor } } as never, trust);
  return { publicOrigin, clientAddress: clientAddress || 'unknown', secure: publicOrigin.startsWith('https:') };
}

/** The same for a request Node hands over before Astro sees it. */
export function identifyNodeRequest(request: IncomingMessage): RequestIdentity {
  return identifyRequest({
    peerAddress: request.socket.remoteAddress,
    encrypted: 'encrypted' in request.socket && request.socket.encrypted === true,
    header: (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  });
}

/** The socket peer is one of REKINDLE_TRUSTED_PROXIES. */
export function isTrustedProxy(peerAddress: string, settings: ProxySettings = proxySettings()): boolean {
  return peerAddress !== '' && trustOf(settings.trustedProxies)(peerAddress, 0);
}

function proxySettings(): ProxySettings {
  const { publicOrigin, trustedProxies } = settings();
  return { publicOrigin, trustedProxies };
}

/** A host name with an optional port, or a bracketed IPv6 address: nothing a URL could smuggle. */
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;
const HIGHEST_PORT = 65_535;

/** Also refuses a port past 65535, which the pattern lets through but no URL can be built from. */
export function isValidHost(host: string): boolean {
  const match = HOST_PATTERN.exec(host);
  return match !== null && (match[1] === undefined || Number(match[1]) <= HIGHEST_PORT);
}

function requestOrigin(facts: RequestFacts, fromTrustedProxy: boolean): string {
  const forwardedProto = fromTrustedProxy ? firstValue(facts.header('x-forwarded-proto'))?.toLowerCase() : undefined;
  const forwardedHost = fromTrustedProxy ? firstValue(facts.header('x-forwarded-host')) : undefined;
  const protocol = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : facts.encrypted ? 'https' : 'http';
  const host = [forwardedHost, facts.header('host') ?? undefined].find((candidate) => candidate && isValidHost(candidate));
  return new URL(`${protocol}://${host ?? 'localhost'}`).origin;
}

/** A proxy chain appends to these headers; the first value is what the outermost proxy saw. */
function firstValue(header: string | null | undefined): string | undefined {
  const first = header?.split(',')[0]?.trim();
  return first ? first : undefined;
}
