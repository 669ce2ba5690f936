import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { parsePasswordHash } from '../admin/password.ts';
import type { Locale } from '../config/schemas/common.ts';

/**
 * Every setting Rekindle reads from the environment, parsed once by one schema shared by the
 * server and the CLI. A bad value stops either at start with one line naming the setting, what it
 * must be and what it got (secrets by their length only: the line goes to logs), instead of
 * failing later and far from its cause: a public URL that is not one makes every login behind
 * the proxy a 403; a short secret can be guessed. Blank counts as unset, as shells and compose
 * files write an unset variable.
 */

/** A text setting; `expected` finishes "NAME must be …" when `accept` refuses the value. */
function text(expected: string, accept: (value: string) => boolean = () => true, options: { secret?: boolean } = {}) {
  const shown = (value: unknown) => (options.secret ? `${String(value).length} characters` : JSON.stringify(value));
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string()
      .refine(accept, { error: (issue) => `must be ${expected}, got ${shown(issue.input)}` })
      .optional(),
  );
}

const isPort = (value: string) => /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65_535;
const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
const isPostgresUrl = (value: string) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol);
const isPositiveNumber = (value: string) => Number.isFinite(Number(value)) && Number(value) > 0;
const atLeast = (length: number) => (value: string) => value.length >= length;

/** The comma-separated proxy list; proxy-addr refuses an entry that is neither an address, a range nor one of its names. */
function proxyList(setting: string): string[] {
  const list = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  proxyaddr.compile(list);
  return list;
}

function succeeds(attempt: () => unknown): boolean {
  try {
    attempt();
    return true;
  } catch {
    return false;
  }
}

/** A database URL without its password, for messages. */
function withoutPassword(value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value)) return JSON.stringify(value);
  const url = new URL(value);
  if (url.password) url.password = '***';
  return JSON.stringify(url.href);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const environmentSchema = z
  .object({
    HOST: text('a host name or address to listen on'),
    PORT: text('a port number from 1 to 65535', isPort),
    REKINDLE_PUBLIC_URL: text('an absolute http(s) URL, e.g. https://promo.example.ru', isHttpUrl),
    REKINDLE_TRUSTED_PROXIES: text('addresses or CIDR ranges separated by commas, e.g. loopback, 10.0.0.0/8', (value) =>
      succeeds(() => proxyList(value)),
    ),
    REKINDLE_DATABASE_URL: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z
        .string()
        .trim()
        .refine(isPostgresUrl, {
          error: (issue) =>
            `must be a PostgreSQL URL like postgres://user:password@host:5432/database, got ${withoutPassword(issue.input)}`,
        })
        .optional(),
    ),
    REKINDLE_DATA_DIR: text('a folder'),
    REKINDLE_PROJECTS_DIR: text('a folder'),
    REKINDLE_ADMIN_PASSWORD: text('a password', () => true, { secret: true }),
    REKINDLE_ADMIN_PASSWORD_HASH: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z
        .string()
        .trim()
        .superRefine((value, context) => {
          try {
            parsePasswordHash(value);
          } catch (error) {
            context.addIssue({ code: 'custom', message: (error as Error).message });
          }
        })
        .optional(),
    ),
    REKINDLE_SESSION_SECRET: text('at least 32 random characters (e.g. `openssl rand -base64 48`)', atLeast(32), { secret: true }),
    REKINDLE_API_KEY: text('at least 16 random characters', atLeast(16), { secret: true }),
    REKINDLE_METRICS_TOKEN: text('at least 16 random characters', atLeast(16), { secret: true }),
    REKINDLE_SHARE_CACHE_MB: text('a number of megabytes greater than 0, e.g. 2048', isPositiveNumber),
    REKINDLE_LOG_LEVEL: text(`one of ${LOG_LEVELS.join(', ')}`, (value) => (LOG_LEVELS as readonly string[]).includes(value)),
    LC_ALL: z.string().optional(),
    LC_MESSAGES: z.string().optional(),
    LANG: z.string().optional(),
  })
  .transform((env) => ({
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 4321),
    /** The origin players and the team reach the site at; undefined: taken from each request. */
    publicOrigin: env.REKINDLE_PUBLIC_URL === undefined ? undefined : new URL(env.REKINDLE_PUBLIC_URL).origin,
    trustedProxies: proxyList(env.REKINDLE_TRUSTED_PROXIES ?? ''),
    /** Set: the PostgreSQL store; unset: the embedded store in dataDir. */
    databaseUrl: env.REKINDLE_DATABASE_URL,
    dataDir: path.resolve(env.REKINDLE_DATA_DIR ?? 'data'),
    /** As given, relative to the working directory: CLI messages show it as the author wrote it. */
    projectsDir: env.REKINDLE_PROJECTS_DIR ?? 'projects',
    adminPassword: env.REKINDLE_ADMIN_PASSWORD,
    adminPasswordHash: env.REKINDLE_ADMIN_PASSWORD_HASH,
    sessionSecret: env.REKINDLE_SESSION_SECRET,
    /** Unset: the order endpoint is off. */
    apiKey: env.REKINDLE_API_KEY,
    /** Unset: /api/metrics is off. */
    metricsToken: env.REKINDLE_METRICS_TOKEN,
    shareCacheBytes: env.REKINDLE_SHARE_CACHE_MB === undefined ? undefined : Number(env.REKINDLE_SHARE_CACHE_MB) * 1024 * 1024,
    logLevel: (env.REKINDLE_LOG_LEVEL ?? 'info') as (typeof LOG_LEVELS)[number],
    /** The language the environment names for CLI messages, if it names one. */
    locale: localeOf([env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '')),
  }));

/** `ru_RU.UTF-8` is Russian; `en_GB`, `C` and `POSIX` English. */
function localeOf(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  return /^ru([_.@-]|$)/i.test(value) ? 'ru' : 'en';
}

/** The names a project's `webhook.secretEnv` may give (the project schema's pattern). */
const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,127}$/;

export type Settings = z.output<typeof environmentSchema> & {
  /**
   * Webhook secrets, by the variable names projects give in `webhook.secretEnv`: named by
   * project config, so no schema here can list them.
   */
  webhookSecrets: Readonly<Record<string, string>>;
};

/** The environment has bad settings; `problems` holds one line per setting. */
export class EnvironmentError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'EnvironmentError';
    this.problems = problems;
  }
}

/** The settings in `env`; throws EnvironmentError naming every bad one. */
export function parseEnvironment(env: Readonly<Record<string, string | undefined>>): Settings {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new EnvironmentError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return issue.message.startsWith(name) ? issue.message : `${name} ${issue.message}`;
      }),
    );
  }
  const webhookSecrets = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        SECRET_NAME.test(entry[0]) && entry[0] !== 'REKINDLE_ADMIN_PASSWORD' && entry[1] !== undefined && entry[1] !== '',
    ),
  );
  return { ...parsed.data, webhookSecrets };
}

/**
 * Kept on globalThis: the server run from source and the built Astro app each load this module,
 * and the plain admin password, once taken, must be gone for both.
 */
const SHARED = Symbol.for('rekindle.settings');
type WithSharedSettings = typeof globalThis & { [SHARED]?: Settings };
const holder = globalThis as WithSharedSettings;

/** The process's settings, parsed from process.env on first use; throws EnvironmentError. */
export function settings(): Settings {
  holder[SHARED] ??= parseEnvironment(process.env);
  return holder[SHARED];
}

/** Parses process.env again, for tests that change it. */
export function reloadSettings(): Settings {
  delete holder[SHARED];
  return settings();
}

/**
 * The plain admin password, handed over once to be hashed and then forgotten, here and in
 * process.env, so later code (and child processes) cannot read it back.
 */
export function takeAdminPassword(): string | undefined {
  const current = settings();
  delete process.env.REKINDLE_ADMIN_PASSWORD;
  holder[SHARED] = { ...current, adminPassword: undefined };
  return current.adminPassword;
}
