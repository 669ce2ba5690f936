import { describe, expect, it } from 'vitest';
import { importOrdersCsv, MAX_ORDERS_PER_REQUEST, parseOrdersBatch } from '../../../src/crm/orders.ts';
import { createMemoryStorage } from '../../../src/storage/index.ts';
import type { Storage } from '../../../src/storage/types.ts';

const project = { slug: 'new-year', config: { schedule: { timezone: 'Europe/Moscow' } } };

async function storageWithCustomer(customerId: string): Promise<Storage> {
  const storage = createMemoryStorage();
  await storage.links.add('new-year', [
    { project: 'new-year', token: 'token-aaaaaaaaaaaaaaa', customerId, group: 'target', importedAt: '2020-12-10T00:00:00.000Z' },
  ]);
  return storage;
}

async function storedOrders(storage: Storage) {
  const orders = [];
  for await (const order of storage.orders.scan('new-year')) orders.push(order);
  return orders.sort((a, b) => a.orderId.localeCompare(b.orderId));
}

describe('importOrdersCsv', () => {
  it('reads a Russian export, adds orders once by order_id and counts unknown customers', async () => {
    const storage = await storageWithCustomer('c1');
    const text =
      '\uFEFFНомер заказа;ID клиента;Дата заказа;Сумма\r\n1001;c1;20.12.2020 14:05;4 990,00\r\n1002;zz;2020-12-21;1200\r\n1001;c1;20.12.2020 14:05;4 990,00\r\n';
    const first = await importOrdersCsv({ project, storage, source: { text } });
    expect(first).toMatchObject({ ok: true, rows: 3, orders: 2, repeatedRows: 1, added: 2, duplicates: 0, unknownCustomerOrders: 1 });
    expect(await storedOrders(storage)).toEqual([
      { project: 'new-year', orderId: '1001', customerId: 'c1', orderedAt: '2020-12-20T11:05:00.000Z', amount: 4990 },
      { project: 'new-year', orderId: '1002', customerId: 'zz', orderedAt: '2020-12-20T21:00:00.000Z', amount: 1200 },
    ]);
    const again = await importOrdersCsv({ project, storage, source: { text } });
    expect(again).toMatchObject({ ok: true, added: 0, duplicates: 2 });
  });

  it('stores nothing when a row is bad, and says which and why', async () => {
    const storage = await storageWithCustomer('c1');
    const text =
      'order_id,customer_id,ordered_at,amount\n1,c1,2020-12-20,100\n2,c1,20/12/2020,100\n3,,2020-12-20,-4\n1,c1,2020-12-21,100\n';
    const result = await importOrdersCsv({ project, storage, source: { text } });
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.listed).toEqual([
      { line: 3, message: 'ordered_at «20/12/2020» is not a date; expected 2020-12-20, 2020-12-20 14:05 or 20.12.2020' },
      { line: 4, message: 'customer_id is empty; amount «-4» is negative; expected 0 or more' },
      { line: 5, message: 'order_id 1 already appears on line 2 with other data' },
    ]);
    expect(await storedOrders(storage)).toEqual([]);
  });
});

describe('parseOrdersBatch', () => {
  const order = { orderId: 'o1', customerId: 'c1', orderedAt: '2020-12-20T14:05:00+03:00', amount: 4990 };

  it('accepts a valid batch and normalizes times to UTC', () => {
    expect(parseOrdersBatch({ orders: [order] })).toEqual({
      ok: true,
      orders: [{ orderId: 'o1', customerId: 'c1', orderedAt: '2020-12-20T11:05:00.000Z', amount: 4990 }],
    });
  });

  it('names each bad field by its path', () => {
    const result = parseOrdersBatch({ orders: [order, { ...order, orderedAt: 'вчера', amount: -1, extra: true }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.path).sort()).toEqual(['orders[1]', 'orders[1].amount', 'orders[1].orderedAt']);
    expect(result.problems.find((problem) => problem.path === 'orders[1].orderedAt')?.message).toBe(
      'expected an ISO date-time with offset, like 2020-12-20T14:05:00+03:00',
    );
  });

  it('refuses more than 10 000 orders in one request', () => {
    const result = parseOrdersBatch({
      orders: Array.from({ length: MAX_ORDERS_PER_REQUEST + 1 }, (_, index) => ({ ...order, orderId: `o${index}` })),
    });
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'orders', message: expect.stringMatching(/at most 10000 orders/) }] });
  });
});
