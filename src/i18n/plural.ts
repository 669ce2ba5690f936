import type { Locale } from '../config/schemas/common.ts';

/** The word forms a count needs: Russian has one/few/many («ответ», «ответа», «ответов»), English one/other. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules: Record<Locale, Intl.PluralRules> = {
  ru: new Intl.PluralRules('ru-RU'),
  en: new Intl.PluralRules('en-GB'),
};

/** The form of a word for `count`, by the language's own plural rules (3 → «ответа», 5 → «ответов»). */
export function plural(count: number, locale: Locale, forms: PluralForms): string {
  return forms[rules[locale].select(count)] ?? forms.other;
}
