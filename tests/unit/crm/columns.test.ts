import { describe, expect, it } from 'vitest';
import { CustomerTable } from '../../../src/crm/customer-table.ts';
import { TextColumn } from '../../../src/crm/text-column.ts';

describe('TextColumn', () => {
  it('gives back every value, Cyrillic and empty ones included, across its growth', () => {
    const column = new TextColumn(2);
    const values = Array.from({ length: 5000 }, (_, index) => (index % 7 === 0 ? undefined : `Покупатель ${index} ёж`));
    for (const value of values) column.push(value);
    expect(Array.from({ length: values.length }, (_, index) => column.at(index))).toEqual(values);
    expect(column.bytesAt(1).toString('utf8')).toBe('Покупатель 1 ёж');
  });
});

describe('CustomerTable', () => {
  it('keeps rows, finds them by customer id and shares one string per segment', () => {
    const table = new CustomerTable();
    const anna = { line: 2, customerId: 'c1', name: 'Анна', email: 'a@example.ru', segment: 'vip', spend: 12.5 };
    table.add(anna);
    table.add({ line: 3, customerId: 'c2', segment: 'vip' });
    expect(table.rowAt(0)).toEqual({ ...anna, phone: undefined });
    expect(table.rowAt(1)).toMatchObject({ customerId: 'c2', name: undefined, spend: undefined });
    expect(table.indexOf('c2')).toBe(1);
    expect(table.indexOf('c3')).toBeUndefined();
    expect(table.segmentAt(0)).toBe(table.segmentAt(1));
  });

  it('finds every customer id across the growth of its index, and no id it was not given', () => {
    const table = new CustomerTable();
    const ids = Array.from({ length: 20_000 }, (_, index) => (index % 2 === 0 ? `C${index}` : `клиент-${index}`));
    ids.forEach((customerId, line) => table.add({ line, customerId }));
    expect(ids.every((customerId, index) => table.indexOf(customerId) === index)).toBe(true);
    expect(table.indexOf('C1')).toBeUndefined();
    expect(table.indexOf('клиент-0')).toBeUndefined();
    expect(table.indexOf('')).toBeUndefined();
  });
});
