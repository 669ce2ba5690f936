import { bytesOfMegabytes } from '../share/disk-budget.ts';
import { trustedProxyList } from './public-origin.ts';

/**
 * The settings the server reads from the environment, checked when it starts: a mistyped value
 * would otherwise fail later and far from its cause (a public URL that is not one makes every
 * answer behind the proxy a 403; a short secret or API key can be guessed).
 */
export function environmentProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  // Secrets are named but never echoed: the message goes to logs.
  const check = (name: string, problem: (value: string) => string | undefined, secret = false) => {
    const value = env[name];
    const found = value === undefined || value === '' ? undefined : problem(value);
    if (found) problems.push(`${secret ? name : `${name}=${JSON.stringify(value)}`}: ${found}`);
  };
  check('PORT', (value) =>
    /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'expected a port number from 1 to 65535',
  );
  check('REKINDLE_PUBLIC_URL', (value) =>
    /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value) ? undefined : 'expected the public address, e.g. https://promo.example.ru',
  );
  check('REKINDLE_TRUSTED_PROXIES', (value) => {
    try {
      trustedProxyList(value);
      return undefined;
    } catch {
      return 'expected addresses or CIDR ranges separated by commas, e.g. loopback, 10.0.0.0/8';
    }
  });
  check(
    'REKINDLE_SESSION_SECRET',
    (value) => (value.length >= 32 ? undefined : `is ${value.length} characters; use at least 32 random ones`),
    true,
  );
  check(
    'REKINDLE_API_KEY',
    (value) => (value.length >= 16 ? undefined : `is ${value.length} characters; use at least 16 random ones`),
    true,
  );
  check('REKINDLE_SHARE_CACHE_MB', (value) => {
    try {
      bytesOfMegabytes(value);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  });
  return problems;
}
