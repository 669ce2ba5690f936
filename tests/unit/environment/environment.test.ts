import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentError, parseEnvironment, reloadSettings, settings, takeAdminPassword } from '../../../src/environment/index.ts';

/** The one-line problems `env` gives, or [] when it parses. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnvironment(env);
    return [];
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
}

const HASH = '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';

describe('parseEnvironment', () => {
  it('gives the defaults for an empty environment, and counts a blank value as unset', () => {
    const parsed = parseEnvironment({ PORT: '', REKINDLE_PUBLIC_URL: '  ' });
    expect(parsed).toMatchObject({ host: '127.0.0.1', port: 4321, publicOrigin: undefined, trustedProxies: [], logLevel: 'info' });
    expect(parsed.databaseUrl).toBeUndefined();
    expect(parsed.dataDir).toMatch(/\/data$/);
  });

  it('parses a good setting of everything into typed values', () => {
    const parsed = parseEnvironment({
      HOST: '0.0.0.0',
      PORT: '8080',
      REKINDLE_PUBLIC_URL: 'https://promo.example.ru/',
      REKINDLE_TRUSTED_PROXIES: ' loopback, 10.0.0.0/8 ,',
      REKINDLE_DATABASE_URL: 'postgres://rekindle:pw@db:5432/rekindle ',
      REKINDLE_DATA_DIR: '/srv/rekindle',
      REKINDLE_ADMIN_PASSWORD_HASH: HASH,
      REKINDLE_SESSION_SECRET: 'x'.repeat(32),
      REKINDLE_API_KEY: 'k'.repeat(16),
      REKINDLE_METRICS_TOKEN: 'm'.repeat(16),
      REKINDLE_SHARE_CACHE_MB: '512',
      REKINDLE_LOG_LEVEL: 'warn',
      LANG: 'ru_RU.UTF-8',
      HOOK_SECRET: 'hook',
    });
    expect(parsed).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      publicOrigin: 'https://promo.example.ru',
      trustedProxies: ['loopback', '10.0.0.0/8'],
      databaseUrl: 'postgres://rekindle:pw@db:5432/rekindle',
      dataDir: '/srv/rekindle',
      adminPasswordHash: HASH,
      shareCacheBytes: 512 * 1024 * 1024,
      logLevel: 'warn',
      locale: 'ru',
    });
    expect(parsed.webhookSecrets.HOOK_SECRET).toBe('hook');
  });

  it.each([
    [{ PORT: '80a' }, 'PORT must be a port number from 1 to 65535, got "80a"'],
    [{ PORT: '70000' }, 'PORT must be a port number from 1 to 65535, got "70000"'],
    [
      { REKINDLE_PUBLIC_URL: 'promo.example.ru' },
      'REKINDLE_PUBLIC_URL must be an absolute http(s) URL, e.g. https://promo.example.ru, got "promo.example.ru"',
    ],
    [
      { REKINDLE_PUBLIC_URL: 'ftp://promo.example.ru' },
      'REKINDLE_PUBLIC_URL must be an absolute http(s) URL, e.g. https://promo.example.ru, got "ftp://promo.example.ru"',
    ],
    [
      { REKINDLE_TRUSTED_PROXIES: 'loopback, proxy.example' },
      'REKINDLE_TRUSTED_PROXIES must be addresses or CIDR ranges separated by commas, e.g. loopback, 10.0.0.0/8, got "loopback, proxy.example"',
    ],
    [
      { REKINDLE_DATABASE_URL: 'mysql://rekindle:hunter2@db/rekindle' },
      'REKINDLE_DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/database, got "mysql://rekindle:***@db/rekindle"',
    ],
    [{ REKINDLE_ADMIN_PASSWORD_HASH: 'plain-text' }, /^REKINDLE_ADMIN_PASSWORD_HASH is not a scrypt hash: .*hash-password/],
    [
      { REKINDLE_SESSION_SECRET: 'short' },
      'REKINDLE_SESSION_SECRET must be at least 32 random characters (e.g. `openssl rand -base64 48`), got 5 characters',
    ],
    [{ REKINDLE_API_KEY: 'key' }, 'REKINDLE_API_KEY must be at least 16 random characters, got 3 characters'],
    [{ REKINDLE_METRICS_TOKEN: 'token' }, 'REKINDLE_METRICS_TOKEN must be at least 16 random characters, got 5 characters'],
    [{ REKINDLE_SHARE_CACHE_MB: '1 GB' }, 'REKINDLE_SHARE_CACHE_MB must be a number of megabytes greater than 0, e.g. 2048, got "1 GB"'],
    [{ REKINDLE_LOG_LEVEL: 'loud' }, 'REKINDLE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
  ])('refuses %o with one line naming the setting', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    if (message instanceof RegExp) expect(problems[0]).toMatch(message);
    else expect(problems[0]).toBe(message);
  });

  it('names every bad setting at once and never echoes a secret', () => {
    const problems = problemsOf({ PORT: '0', REKINDLE_SESSION_SECRET: 'hunter2', REKINDLE_API_KEY: 'sesame' });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['PORT', 'REKINDLE_SESSION_SECRET', 'REKINDLE_API_KEY']);
    expect(problems.join('\n')).not.toMatch(/hunter2|sesame/);
  });
});

describe('the process settings', () => {
  const saved = process.env.REKINDLE_ADMIN_PASSWORD;
  afterEach(() => {
    if (saved === undefined) delete process.env.REKINDLE_ADMIN_PASSWORD;
    else process.env.REKINDLE_ADMIN_PASSWORD = saved;
    reloadSettings();
  });

  it('hands the plain admin password over once and forgets it, in process.env too', () => {
    process.env.REKINDLE_ADMIN_PASSWORD = 'demo-password';
    reloadSettings();
    expect(takeAdminPassword()).toBe('demo-password');
    expect(process.env.REKINDLE_ADMIN_PASSWORD).toBeUndefined();
    expect(settings().adminPassword).toBeUndefined();
    expect(settings().webhookSecrets.REKINDLE_ADMIN_PASSWORD).toBeUndefined();
  });
});

describe('a bad setting at start', () => {
  const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
  const run = (script: string, args: string[] = []) =>
    promisify(execFile)(node, [fileURLToPath(new URL(`../../../${script}`, import.meta.url)), ...args], {
      timeout: 30_000,
      env: { ...process.env, REKINDLE_PUBLIC_URL: 'promo.example.ru', PORT: '4429' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
  const expected = 'REKINDLE_PUBLIC_URL must be an absolute http(s) URL, e.g. https://promo.example.ru, got "promo.example.ru"';

  it('stops the server with one line naming it, and no stack', async () => {
    const { code, stderr } = await run('src/server/node-server.ts');
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`[rekindle] cannot start: ${expected}`);
  });

  it('stops a CLI command the same way', async () => {
    const { code, stderr } = await run('src/cli/main.ts', ['validate']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`rekindle validate: ${expected}`);
  });
});
