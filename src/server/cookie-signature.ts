import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv } from '../storage/index.ts';

let cachedKey: Buffer | undefined;

/**
 * The key that signs player cookies. Several app instances must share it, so it comes from
 * REKINDLE_SESSION_SECRET when set; a single instance generates one beside its data on first use.
 */
function signingKey(): Buffer {
  if (cachedKey) return cachedKey;
  const configured = process.env.REKINDLE_SESSION_SECRET;
  if (configured) return (cachedKey = Buffer.from(configured, 'utf8'));
  const file = path.join(dataDirFromEnv(), 'player-cookie.key');
  try {
    cachedKey = readFileSync(file);
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32);
    try {
      writeFileSync(file, fresh, { flag: 'wx', mode: 0o600 });
      cachedKey = fresh;
    } catch {
      // Another process created it first: use theirs so both accept the same cookies.
      cachedKey = readFileSync(file);
    }
  }
  return cachedKey;
}

function signatureOf(value: string): string {
  return createHmac('sha256', signingKey()).update(value).digest('base64url').slice(0, 22);
}

export function sign(value: string): string {
  return `${value}.${signatureOf(value)}`;
}

/** The signed value, or undefined when the signature is missing or wrong. */
export function unsign(signed: string): string | undefined {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(signatureOf(value));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}
