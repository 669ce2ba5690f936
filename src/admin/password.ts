import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Admin password hashes in the PHC string format: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`
 * (base64 without padding). The parameters travel with the hash, so they can be raised later
 * without breaking hashes already stored in deployments' environments.
 */

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/** ~100 ms and 32 MiB per check on a laptop: slow for guessing, fine for one login. */
export const DEFAULT_SCRYPT: ScryptParameters = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Upper bound for parameters read from a hash, so a mistyped hash cannot make logins take minutes. */
const MAX_LN = 20;

export class PasswordHashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordHashError';
  }
}

export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  if (password.length === 0) throw new PasswordHashError('The admin password is empty; choose a non-empty password.');
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, parameters);
  const { ln, r, p } = parameters;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${toBase64(salt)}$${toBase64(key)}`;
}

/** True when `password` matches `hash`; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parsePasswordHash(hash);
  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.parameters);
  return timingSafeEqual(key, parsed.key);
}

export interface ParsedPasswordHash {
  parameters: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

const PHC_SCRYPT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Reads a hash string, saying what is wrong with it when it is not one `hashPassword` makes. */
export function parsePasswordHash(hash: string): ParsedPasswordHash {
  const match = PHC_SCRYPT.exec(hash.trim());
  if (!match) {
    throw new PasswordHashError(
      'REKINDLE_ADMIN_PASSWORD_HASH is not a scrypt hash: expected $scrypt$ln=15,r=8,p=1$<salt>$<hash>, ' +
        'as printed by `npm run rekindle -- hash-password`.',
    );
  }
  const [, ln, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const parameters = { ln: Number(ln), r: Number(r), p: Number(p) };
  if (parameters.ln < 10 || parameters.ln > MAX_LN || parameters.r < 1 || parameters.p < 1) {
    throw new PasswordHashError(
      `REKINDLE_ADMIN_PASSWORD_HASH has scrypt parameters ln=${ln}, r=${r}, p=${p}; expected ln between 10 and ${MAX_LN}, r and p at least 1.`,
    );
  }
  const saltBytes = Buffer.from(salt, 'base64');
  const keyBytes = Buffer.from(key, 'base64');
  if (saltBytes.length < 8 || keyBytes.length < 16) {
    throw new PasswordHashError(
      `REKINDLE_ADMIN_PASSWORD_HASH has a ${saltBytes.length}-byte salt and a ${keyBytes.length}-byte key; expected at least 8 and 16.`,
    );
  }
  return { parameters, salt: saltBytes, key: keyBytes };
}

export function deriveKey(password: string, salt: Buffer | string, length: number, { ln, r, p }: ScryptParameters): Promise<Buffer> {
  const N = 2 ** ln;
  // Node refuses scrypt calls needing more than 32 MiB unless maxmem is raised; leave headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function toBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
