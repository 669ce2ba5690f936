import { describe, expect, it } from 'vitest';
import { CustomerTable } from '../../../src/crm/customer-table.ts';
import { TextColumn } from '../../../src/lib/text-column.ts';
import { TokenColumn } from '../../../src/lib/token-column.ts';
import { emptySlice, sliceText } from '../../../src/lib/utf8-slice.ts';

describe('TextColumn', () => {
  it('gives back every value, Cyrillic and empty ones included, across its growth', () => {
    const column = new TextColumn(2);
    const values = Array.from({ length: 5000 }, (_, index) => (index % 7 === 0 ? undefined : `Покупатель ${index} ёж`));
    for (const value of values) column.push(value);
    expect(Array.from({ length: values.length }, (_, index) => column.at(index))).toEqual(values);
    expect(column.bytesAt(1).toString('utf8')).toBe('Покупатель 1 ёж');
  });

  it('reads the same values in any order, across chunks, and from its shared memory', () => {
    const column = new TextColumn();
    const values = Array.from({ length: 120_000 }, (_, index) => (index % 5 === 0 ? undefined : `${'ё'.repeat(index % 13)}${index}`));
    for (const value of values) column.push(value);
    const backwards = values.map((_, index) => column.at(values.length - 1 - index)).reverse();
    expect(backwards).toEqual(values);
    const view = TextColumn.fromShared(structuredClone(column.shared()));
    expect(Array.from({ length: values.length }, (_, index) => view.at(index))).toEqual(values);
    expect(view.bytesAt(values.length)).toHaveLength(0);
  });

  it('points a slice at the bytes of a value without copying them', () => {
    const column = new TextColumn();
    for (const value of ['first', undefined, 'Ёлка']) column.push(value);
    const slice = emptySlice();
    const texts = [0, 1, 2, 3].map((index) => (column.locate(index, slice) ? sliceText(slice) : undefined));
    expect(texts).toEqual(['first', undefined, 'Ёлка', undefined]);
    column.locate(2, slice);
    expect(slice.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('keeps a value longer than a chunk whole', () => {
    const column = new TextColumn();
    const long = 'я'.repeat(700_000);
    for (const value of ['a', long, 'b']) column.push(value);
    expect([column.at(0), column.at(1), column.at(2)]).toEqual(['a', long, 'b']);
  });
});

describe('TokenColumn', () => {
  it('keeps tokens set in any order, nanoid-shaped or not, and shows them through its shared memory', () => {
    const column = new TokenColumn(4);
    column.set(3, 'V1StGXR8_Z5jdHi6B-myT');
    column.set(0, 'tok-1');
    column.set(1, 'Ёлка-не-nanoid-токен-21');
    expect([0, 1, 2, 3].map((index) => column.at(index))).toEqual(['tok-1', 'Ёлка-не-nanoid-токен-21', '', 'V1StGXR8_Z5jdHi6B-myT']);
    const view = new TokenColumn(structuredClone(column.shared()));
    expect([0, 1, 2, 3].map((index) => view.at(index))).toEqual([0, 1, 2, 3].map((index) => column.at(index)));
  });

  it('points a slice at each token, nanoid-shaped or not, and at nothing where none was set', () => {
    const column = new TokenColumn(4);
    column.set(0, 'V1StGXR8_Z5jdHi6B-myT');
    column.set(1, 'Ёлка-токен');
    const slice = emptySlice();
    const texts = [0, 1, 2, 9].map((index) => (column.locate(index, slice) ? sliceText(slice) : undefined));
    expect(texts).toEqual(['V1StGXR8_Z5jdHi6B-myT', 'Ёлка-токен', undefined, undefined]);
  });

  it('makes room for tokens past its first size and keeps the earlier ones', () => {
    const column = new TokenColumn(2);
    const tokens = Array.from({ length: 5000 }, (_, index) => `${String(index).padStart(5, '0')}abcdefghijklmnop`);
    tokens.forEach((token, index) => column.set(index, token));
    expect(tokens.every((token, index) => column.at(index) === token)).toBe(true);
    expect(column.at(5000)).toBe('');
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

  it('hands out customer id, name and segment as UTF-8, and nothing for a field a customer lacks', () => {
    const table = new CustomerTable();
    table.add({ line: 2, customerId: 'c1', name: 'Анна', segment: 'спящие' });
    table.add({ line: 3, customerId: 'c2' });
    const slice = emptySlice();
    const text = (field: 'customerId' | 'name' | 'segment', index: number) =>
      table.textAt(field, index, slice) ? sliceText(slice) : undefined;
    expect([text('customerId', 0), text('name', 0), text('segment', 0)]).toEqual(['c1', 'Анна', 'спящие']);
    expect([text('customerId', 1), text('name', 1), text('segment', 1)]).toEqual(['c2', undefined, undefined]);
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
