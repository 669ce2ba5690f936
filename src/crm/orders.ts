import { z } from 'zod';
import { cliMessages } from '../i18n/cli-messages.ts';
import type { TextEncodingName } from '../lib/text-encoding.ts';
import type { LinkStore, OrderRecord, OrderStore } from '../storage/types.ts';
import { readCsvRows, type ColumnSpec, type CsvSource } from './csv-input.ts';
import { CUSTOMER_ID_ALIASES, extraFieldsMessage } from './customers.ts';
import { ProblemList } from './problems.ts';
import { parseAmount, parseInstant } from './values.ts';

/** One order as the CRM reports it; `orderedAt` is an ISO instant. */
export type OrderInput = Omit<OrderRecord, 'project'>;

/** The most orders one HTTP request may carry; bigger uploads go through `npm run orders`. */
export const MAX_ORDERS_PER_REQUEST = 10_000;

const orderSchema = z.strictObject({
  orderId: z.string().trim().min(1).max(100).meta({ description: 'The shop’s order number; orders are stored once per id.' }),
  customerId: z.string().trim().min(1).max(100).meta({ description: 'The customer_id used in the links import.' }),
  orderedAt: z.iso
    .datetime({ offset: true, error: 'expected an ISO date-time with offset, like 2020-12-20T14:05:00+03:00' })
    .meta({ description: 'When the order was placed.' }),
  amount: z.number().finite().nonnegative().meta({ description: 'Order total in the shop’s currency.' }),
});

/** Body of the order endpoint: `{ "orders": [{ orderId, customerId, orderedAt, amount }, …] }`. */
export const ordersBatchSchema = z.strictObject({
  orders: z
    .array(orderSchema)
    .min(1)
    .max(MAX_ORDERS_PER_REQUEST, {
      error: `expected at most ${MAX_ORDERS_PER_REQUEST} orders per request; send more in several requests`,
    }),
});

export interface FieldProblem {
  /** e.g. `orders[12].amount`. */
  path: string;
  message: string;
}

export type OrdersBatchResult = { ok: true; orders: OrderInput[] } | { ok: false; problems: FieldProblem[] };

/** Validates a JSON body of the order endpoint; never trusts the client's shapes or sizes. */
export function parseOrdersBatch(json: unknown): OrdersBatchResult {
  const parsed = ordersBatchSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 50).map((issue) => ({ path: pathText(issue.path), message: issue.message })),
    };
  }
  return {
    ok: true,
    orders: parsed.data.orders.map((order) => ({ ...order, orderedAt: new Date(order.orderedAt).toISOString() })),
  };
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}${text ? '.' : ''}${String(key)}`), '');
}

export interface OrdersAdded {
  added: number;
  /** Orders whose id was already stored (an earlier file or request); nothing changes for them. */
  duplicates: number;
  /** Orders of customers with no link in the project: stored, but they cannot count as reactivations. */
  unknownCustomerOrders: number;
}

/** Stores orders idempotently by order id and counts those of customers the project never linked. */
export async function addOrders(options: {
  project: string;
  storage: { links: LinkStore; orders: OrderStore };
  orders: readonly OrderInput[];
}): Promise<OrdersAdded> {
  const { project, storage, orders } = options;
  // One bulk lookup: a large order file would otherwise read a link shard per customer.
  const customerIds = [...new Set(orders.map((order) => order.customerId))];
  const known = new Set<string>();
  await storage.links.byCustomerIds(project, { size: customerIds.length, customerIdAt: (index) => customerIds[index] ?? '' }, (index) =>
    known.add(customerIds[index] ?? ''),
  );
  const { added, duplicates } = await storage.orders.add(
    project,
    orders.map((order) => ({ project, ...order })),
  );
  return { added, duplicates, unknownCustomerOrders: orders.filter((order) => !known.has(order.customerId)).length };
}

type OrderColumn = 'orderId' | 'customerId' | 'orderedAt' | 'amount';

export const ORDER_COLUMNS: readonly ColumnSpec<OrderColumn>[] = [
  {
    key: 'orderId',
    required: true,
    aliases: ['order_id', 'order', 'order_number', 'номер заказа', 'заказ', 'id заказа', 'код заказа'],
  },
  { key: 'customerId', required: true, aliases: CUSTOMER_ID_ALIASES },
  {
    key: 'orderedAt',
    required: true,
    aliases: ['ordered_at', 'order_date', 'date', 'created_at', 'дата заказа', 'дата', 'дата покупки', 'время заказа'],
  },
  { key: 'amount', required: true, aliases: ['amount', 'total', 'sum', 'сумма', 'сумма заказа', 'стоимость'] },
];

export type OrdersImportResult =
  | ({ ok: true; rows: number; encoding: TextEncodingName; orders: number; repeatedRows: number } & OrdersAdded)
  | { ok: false; rows: number; problems: ProblemList };

/**
 * Reads an orders export and stores it, all or nothing like the links import. Dates without an
 * offset are read in the project's time zone. Throws CsvFileError when the file as a whole is
 * unreadable.
 */
export async function importOrdersCsv(options: {
  project: { slug: string; config: { schedule: { timezone: string } } };
  storage: { links: LinkStore; orders: OrderStore };
  source: CsvSource;
}): Promise<OrdersImportResult> {
  const { project, storage, source } = options;
  const problems = new ProblemList();
  const byId = new Map<string, OrderInput & { line: number }>();
  let repeatedRows = 0;
  const { rows, encoding } = await readCsvRows(source, ORDER_COLUMNS, (row) => {
    const order = orderFromRow(row.values, row.extraFields, project.config.schedule.timezone);
    if (typeof order === 'string') {
      problems.add({ line: row.line, message: order });
      return;
    }
    const earlier = byId.get(order.orderId);
    if (!earlier) byId.set(order.orderId, { ...order, line: row.line });
    else if (sameOrder(earlier, order)) repeatedRows++;
    else problems.add({ line: row.line, message: cliMessages().rows.repeatedOrder(order.orderId, earlier.line) });
  });
  if (problems.count > 0) return { ok: false, rows, problems };
  const orders = [...byId.values()].map(({ line: _line, ...order }) => order);
  const added = await addOrders({ project: project.slug, storage, orders });
  return { ok: true, rows, encoding, orders: orders.length, repeatedRows, ...added };
}

function orderFromRow(values: Partial<Record<OrderColumn, string>>, extraFields: number, timeZone: string): OrderInput | string {
  if (extraFields > 0) return extraFieldsMessage(extraFields);
  const reasons: string[] = [];
  const messages = () => cliMessages().rows;
  const { orderId, customerId } = values;
  if (orderId === undefined) reasons.push(messages().empty('order_id'));
  if (customerId === undefined) reasons.push(messages().empty('customer_id'));
  const orderedAt = values.orderedAt === undefined ? undefined : parseInstant(values.orderedAt, timeZone);
  if (orderedAt === undefined) {
    reasons.push(values.orderedAt === undefined ? messages().empty('ordered_at') : messages().notDate('ordered_at', values.orderedAt));
  }
  const amount = values.amount === undefined ? undefined : parseAmount(values.amount);
  if (amount === undefined) {
    reasons.push(values.amount === undefined ? messages().empty('amount') : messages().notAmount('amount', values.amount, '4 990,00'));
  } else if (amount < 0) reasons.push(messages().negative('amount', values.amount ?? ''));
  if (reasons.length > 0 || orderId === undefined || customerId === undefined || !orderedAt || amount === undefined) {
    return reasons.join('; ');
  }
  return { orderId, customerId, orderedAt: orderedAt.toISOString(), amount };
}

function sameOrder(a: OrderInput, b: OrderInput): boolean {
  return a.customerId === b.customerId && a.orderedAt === b.orderedAt && a.amount === b.amount;
}
