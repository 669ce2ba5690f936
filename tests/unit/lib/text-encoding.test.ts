import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../src/lib/text-encoding.ts';
import { encodeSingleByte, encodeUtf16WithBom } from './legacy-encode.ts';

/** Names as they stand in customer files: short, long, all capitals, with ё, with a patronymic. */
const NAMES = [
  'Ян',
  'Ия',
  'Ольга',
  'ОЛЬГА',
  'Пётр Иванов',
  'Ёлка',
  'Анна-Мария',
  'Ольга Сергеевна',
  'ИВАНОВ ИВАН ИВАНОВИЧ',
  'Щукин Эдуард',
  'Юлия',
  'Эмиль',
  'Фёдор Достоевский',
  'Жанна',
  'Цветкова Ю. А.',
  'ЧЕРНЫШЁВА',
  'Аделаида Шмидт',
  'Ким Ир',
];

/** The smallest file that holds one name: a header with Latin titles and one row. */
const oneRow = (name: string) => `customer_id,name\n1,${name}\n`;

describe('detectEncoding on short customer files', () => {
  it.each(NAMES)('reads «%s» saved as Windows-1251 as Windows-1251', (name) => {
    expect(detectEncoding(encodeSingleByte(oneRow(name), 'windows-1251'))).toEqual({ ok: true, encoding: 'windows-1251', bomBytes: 0 });
  });

  it.each(NAMES)('reads «%s» saved as UTF-8, with and without BOM, as UTF-8', (name) => {
    expect(detectEncoding(Buffer.from(oneRow(name)))).toEqual({ ok: true, encoding: 'utf-8', bomBytes: 0 });
    expect(detectEncoding(Buffer.from(`\uFEFF${oneRow(name)}`))).toEqual({ ok: true, encoding: 'utf-8', bomBytes: 3 });
  });

  it.each(NAMES)('reads «%s» saved as Excel «Unicode text» as UTF-16', (name) => {
    expect(detectEncoding(encodeUtf16WithBom(oneRow(name).replace(',', '\t')))).toMatchObject({ ok: true, encoding: 'utf-16le' });
  });

  it('reads a file with Russian headers and segments saved as Windows-1251', () => {
    const text = 'Код клиента;Имя;Сегмент;Сумма покупок\r\n1;Ольга;спящие;12 345,50\r\n2;ИВАН;VIP;«без сегмента» № 5\r\n';
    expect(detectEncoding(encodeSingleByte(text, 'windows-1251'))).toMatchObject({ ok: true, encoding: 'windows-1251' });
  });

  it('reads UTF-16 without a BOM', () => {
    expect(detectEncoding(Buffer.from('customer_id\tname\n1\tОльга\n', 'utf16le'))).toMatchObject({ ok: true, encoding: 'utf-16le' });
  });

  it('refuses KOI8-R, DOS 866 and Latin-1 files instead of reading them as Windows-1251', () => {
    const russian = 'customer_id,name\n1,Ольга Сергеевна\n2,Пётр\n3,ИВАН\n';
    expect(detectEncoding(encodeSingleByte(russian, 'koi8-r'))).toEqual({ ok: false, reason: 'koi8-like' });
    expect(detectEncoding(encodeSingleByte(russian, 'ibm866'))).toEqual({ ok: false, reason: 'legacy-not-cyrillic' });
    const german = 'customer_id,name\n1,Jürgen Müller\n2,Zoë\n';
    expect(detectEncoding(encodeSingleByte(german, 'windows-1252'))).toEqual({ ok: false, reason: 'legacy-not-cyrillic' });
  });

  it.each(NAMES.filter((name) => name !== name.toUpperCase()))('refuses «%s» saved as KOI8-R', (name) => {
    expect(detectEncoding(encodeSingleByte(oneRow(name), 'koi8-r')).ok).toBe(false);
  });

  it('takes plain ASCII for UTF-8', () => {
    expect(detectEncoding(Buffer.from('customer_id\nc1\n'))).toEqual({ ok: true, encoding: 'utf-8', bomBytes: 0 });
  });
});
