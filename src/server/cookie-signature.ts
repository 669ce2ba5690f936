import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../environment/index.ts';

/** An HMAC key shorter than this can be guessed; an empty one signs nothing at all. */
export const MIN_KEY_BYTES = 32;

let cachedKey: Buffer | undefined;

/**
 * The key that signs player cookies. Several app instances must share it, so it comes from
 * REKINDLE_SESSION_SECRET when set; a single instance generates one beside its data on first use.
 * The server reads it when it starts, so a bad key stops the start instead of the first page.
 */
export function playerCookieKey(): Buffer {
  if (cachedKey) return cachedKey;
  const { sessionSecret, dataDir } = settings();
  if (sessionSecret) return (cachedKey = Buffer.from(sessionSecret, 'utf8'));
  return (cachedKey = loadOrCreateKey(path.join(dataDir, 'player-cookie.key')));
}

/**
 * The key in `file`, created if missing. A new key is written and fsync'd under a temporary name,
 * then linked into place: a full disk leaves no key file rather than an empty one, and when two
 * processes start at once the first link wins and both use its key. A key file too short to be
 * one is refused, never used.
 */
export function loadOrCreateKey(file: string): Buffer {
  const existing = readKey(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(handle, randomBytes(MIN_KEY_BYTES));
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const created = readKey(file);
  if (!created) throw new Error(`${file} vanished while it was being created; start again.`);
  return created;
}

function readKey(file: string): Buffer | undefined {
  let key: Buffer;
  try {
    key = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (key.length < MIN_KEY_BYTES) {
    throw new Error(
      `${file} holds ${key.length} bytes, too few for a signing key (a disk that was full when it was written?). ` +
        'Delete it to have a new one made (players get new anonymous ids), or set REKINDLE_SESSION_SECRET.',
    );
  }
  return key;
}

function signatureOf(value: string): string {
  return createHmac('sha256', playerCookieKey()).update(value).digest('base64url').slice(0, 22);
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
