import type { AstroCookies } from 'astro';
import type { Locale } from '../config/schemas/common.ts';

/**
 * The dashboard speaks the team's language, not each project's: a Russian team opening an English
 * project's report keeps reading Russian. `?lang=` switches it and is remembered in a cookie for
 * every admin page; without either the dashboard is Russian.
 */

const COOKIE = 'rk-admin-lang';
const YEAR_SECONDS = 365 * 24 * 60 * 60;

type LanguageCookies = Pick<AstroCookies, 'get' | 'set'>;

function asLocale(value: string | null | undefined): Locale | undefined {
  return value === 'ru' || value === 'en' ? value : undefined;
}

export function dashboardLocale(url: URL, cookies: LanguageCookies): Locale {
  const requested = asLocale(url.searchParams.get('lang'));
  if (requested) {
    cookies.set(COOKIE, requested, {
      path: '/admin',
      maxAge: YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      secure: url.protocol === 'https:',
    });
    return requested;
  }
  return asLocale(cookies.get(COOKIE)?.value) ?? 'ru';
}
