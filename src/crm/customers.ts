import { cliMessages } from '../i18n/cli-messages.ts';
import type { ColumnSpec, CsvRow } from './csv-input.ts';
import type { RowProblem } from './problems.ts';
import { parseAmount } from './values.ts';

export type CustomerColumn = 'customerId' | 'name' | 'email' | 'phone' | 'segment' | 'spend';

/** The first alias of each column is its canonical header, used in messages and output files. */
export const CUSTOMER_ID_ALIASES = [
  'customer_id',
  'customer',
  'client_id',
  'client',
  'user_id',
  'id',
  'id клиента',
  'ид клиента',
  'код клиента',
  'номер клиента',
  'клиент',
  'идентификатор',
  'идентификатор клиента',
] as const;

export const CUSTOMER_COLUMNS: readonly ColumnSpec<CustomerColumn>[] = [
  { key: 'customerId', required: true, aliases: CUSTOMER_ID_ALIASES },
  { key: 'name', required: false, aliases: ['name', 'first_name', 'firstname', 'имя', 'имя клиента', 'фио'] },
  {
    key: 'email',
    required: false,
    aliases: ['email', 'e-mail', 'mail', 'почта', 'эл почта', 'электронная почта', 'адрес почты'],
  },
  {
    key: 'phone',
    required: false,
    aliases: ['phone', 'phone_number', 'mobile', 'tel', 'телефон', 'мобильный телефон', 'номер телефона', 'мобильный'],
  },
  { key: 'segment', required: false, aliases: ['segment', 'сегмент', 'сегмент клиента', 'rfm', 'rfm сегмент'] },
  {
    key: 'spend',
    required: false,
    aliases: [
      'total_spend',
      'spend',
      'total',
      'ltv',
      'revenue',
      'сумма покупок',
      'сумма',
      'траты',
      'выручка',
      'сумма заказов',
      'общая сумма покупок',
    ],
  },
];

/** A customer row as it will be mailed: email and phone pass through to the mail-merge file only. */
export interface CustomerRow {
  line: number;
  customerId: string;
  name?: string;
  email?: string;
  phone?: string;
  segment?: string;
  spend?: number;
}

const MAX_ID = 100;
const MAX_TEXT = 200;
// Deliberately loose: the mail service validates addresses; this only catches shifted columns.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates one CSV row as a customer; returns why not (one problem per row) when it cannot be imported. */
export function customerFromRow(row: CsvRow<CustomerColumn>): CustomerRow | RowProblem {
  const { values, line } = row;
  // A shifted row makes every later field wrong; the shift is the one thing to report.
  if (row.extraFields > 0) return { line, message: extraFieldsMessage(row.extraFields) };
  const reasons: string[] = [];
  const customerId = values.customerId;
  // Only rows with a problem read the catalogue: a million good rows skip it.
  const messages = () => cliMessages().rows;
  if (customerId === undefined) reasons.push(messages().empty('customer_id'));
  else if (customerId.length > MAX_ID) reasons.push(messages().tooManyCharacters('customer_id', customerId.length, MAX_ID));
  let spend: number | undefined;
  if (values.spend !== undefined) {
    spend = parseAmount(values.spend);
    if (spend === undefined) reasons.push(messages().notAmount('total_spend', values.spend, '12 345,50'));
    else if (spend < 0) reasons.push(messages().negative('total_spend', values.spend));
  }
  if (values.email !== undefined && !EMAIL.test(values.email)) reasons.push(messages().notEmail(values.email));
  for (const key of ['name', 'email', 'phone', 'segment'] as const) {
    const value = values[key];
    if (value !== undefined && value.length > MAX_TEXT) reasons.push(messages().longerThan(key, MAX_TEXT));
  }
  if (reasons.length > 0 || customerId === undefined) return { line, message: reasons.join('; ') };
  return { line, customerId, name: values.name, email: values.email, phone: values.phone, segment: values.segment, spend };
}

export function extraFieldsMessage(extraFields: number): string {
  return cliMessages().rows.extraFields(extraFields);
}

/** Whether two rows of the same customer say the same thing (then the repeat is harmless). */
export function sameCustomerData(a: CustomerRow, b: CustomerRow): boolean {
  return a.name === b.name && a.email === b.email && a.phone === b.phone && a.segment === b.segment && a.spend === b.spend;
}

/** The fields in which two rows of the same customer differ, for the duplicate message. */
export function differingFields(a: CustomerRow, b: CustomerRow): string[] {
  return (['name', 'email', 'phone', 'segment', 'spend'] as const).filter((key) => a[key] !== b[key]);
}
