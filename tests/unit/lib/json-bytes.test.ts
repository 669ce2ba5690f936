import { describe, expect, it } from 'vitest';
import { JsonBytes } from '../../../src/lib/json-bytes.ts';
import type { Utf8Slice } from '../../../src/lib/utf8-slice.ts';

/** The text as UTF-8 in the middle of a larger buffer, as a column holds it. */
function sliceOf(text: string): Utf8Slice {
  const bytes = Buffer.concat([Buffer.from('xx'), Buffer.from(text, 'utf8'), Buffer.from('yy')]);
  return { bytes, start: 2, end: bytes.length - 2 };
}

describe('JsonBytes', () => {
  it('writes strings exactly as JSON.stringify does, escapes and multi-byte characters included', () => {
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('');
    const texts = ['', 'plain', 'Покупатель «Ёлка»', 'quote " backslash \\ slash /', controls, '\u007f\u2028\u2029', '😀 emoji', 'a\r\nb'];
    for (const text of texts) expect(new JsonBytes(1).string(sliceOf(text)).bytes.toString('utf8')).toBe(JSON.stringify(text));
  });

  it('matches JSON.stringify on random text from every part of Unicode, across buffer growth', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const ranges = [0x20, 0x80, 0x800, 0xd800];
    const texts = Array.from({ length: 500 }, () =>
      Array.from({ length: Math.floor(random() * 40) }, () => {
        const code = Math.floor(random() * (ranges[Math.floor(random() * ranges.length)] ?? 0x80));
        return random() < 0.05 ? '😀' : String.fromCharCode(code);
      }).join(''),
    );
    const json = new JsonBytes(16).char(0x5b);
    texts.forEach((text, index) => {
      if (index > 0) json.char(0x2c);
      json.string(sliceOf(text));
    });
    json.char(0x5d);
    expect(json.bytes.toString('utf8')).toBe(JSON.stringify(texts));
  });

  it('writes numbers as JSON.stringify does, and null for what JSON has no number for', () => {
    const values = [
      0,
      -0,
      7,
      12_500,
      12_345.5,
      -0.5,
      -41.5,
      0.5,
      999_999_999_999_999,
      1e15,
      2 ** 53 + 0.5,
      1e21,
      1e-7,
      -3.25,
      19.99,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ];
    const json = new JsonBytes(4).char(0x5b);
    values.forEach((value, index) => {
      if (index > 0) json.char(0x2c);
      json.number(value);
    });
    json.char(0x2c).number(undefined).char(0x2c).number(null).char(0x5d);
    expect(json.bytes.toString()).toBe(JSON.stringify([...values, null, null]));
  });

  it('writes random whole, half and other amounts exactly as JSON.stringify does', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 3000 }, (_, index) => {
      const whole = Math.floor(random() * 10 ** (1 + (index % 15)));
      return [whole, whole + 0.5, -whole - 0.5, whole / 100, random() * 1e6][index % 5] ?? 0;
    });
    const json = new JsonBytes(8).char(0x5b);
    values.forEach((value, index) => {
      if (index > 0) json.char(0x2c);
      json.number(value);
    });
    expect(json.char(0x5d).bytes.toString()).toBe(JSON.stringify(values));
  });

  it('writes raw JSON text as it is, long and non-ASCII included', () => {
    const text = JSON.stringify({ name: 'Ёлка', list: Array.from({ length: 50 }, (_, index) => index) });
    expect(new JsonBytes(2).raw('{"a":').raw(text).raw('}').bytes.toString()).toBe(`{"a":${text}}`);
  });
});
