import { describe, expect, it } from 'vitest';
import { identifyRequest, isValidHost, type RequestFacts } from '../../../src/server/public-origin.ts';

function facts(peerAddress: string, headers: Record<string, string>, encrypted = false): RequestFacts {
  return { peerAddress, encrypted, header: (name) => headers[name.toLowerCase()] };
}

const proxied = {
  host: '127.0.0.1:8080',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'promo.example.ru',
  'x-forwarded-for': '198.51.100.4, 203.0.113.7',
};

describe('identifyRequest', () => {
  it('takes the public origin from REKINDLE_PUBLIC_URL whatever the Host header says', () => {
    const identity = identifyRequest(facts('10.0.0.2', { host: 'evil.example' }), { publicOrigin: 'https://promo.example.ru' });
    expect(identity).toMatchObject({ publicOrigin: 'https://promo.example.ru', secure: true });
  });

  it('believes forwarded headers only from a trusted proxy', () => {
    const trusted = identifyRequest(facts('10.0.0.2', proxied), { trustedProxies: ['10.0.0.0/8'] });
    expect(trusted).toEqual({ publicOrigin: 'https://promo.example.ru', clientAddress: '203.0.113.7', secure: true });
    const stranger = identifyRequest(facts('192.0.2.9', proxied), { trustedProxies: ['10.0.0.0/8'] });
    expect(stranger).toEqual({ publicOrigin: 'http://127.0.0.1:8080', clientAddress: '192.0.2.9', secure: false });
  });

  it('takes the client address from the first hop the trusted proxies did not add', () => {
    const identity = identifyRequest(facts('127.0.0.1', proxied), { trustedProxies: ['loopback', '203.0.113.7'] });
    expect(identity.clientAddress).toBe('198.51.100.4');
  });

  it('never builds an origin from a Host header a URL could be smuggled in', () => {
    expect(identifyRequest(facts('127.0.0.1', { host: 'a@evil.example' })).publicOrigin).toBe('http://localhost');
    expect(identifyRequest(facts('127.0.0.1', { host: 'evil.example/x' })).publicOrigin).toBe('http://localhost');
    expect(identifyRequest(facts('127.0.0.1', { host: '[::1]:4321' }, true)).publicOrigin).toBe('https://[::1]:4321');
  });

  it('refuses a Host whose port no URL can carry, which Astro would answer with a 500', () => {
    expect(isValidHost('127.0.0.1:99999')).toBe(false);
    expect(isValidHost('127.0.0.1:65535')).toBe(true);
    expect(isValidHost('promo.example.ru')).toBe(true);
  });
});
