import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closestKey, formatPath, parseWithFriendlyErrors } from '../../../src/config/friendly-errors.ts';
import { dateOrDateTime, text } from '../../../src/config/schemas/common.ts';

function messagesOf(schema: z.ZodType, input: unknown): string[] {
  const result = parseWithFriendlyErrors(schema, input);
  if (result.success) throw new Error('Expected the input to be refused.');
  return result.problems.map((problem) => `${formatPath(problem.path)}: ${problem.message}`);
}

describe('parseWithFriendlyErrors', () => {
  it('says how long text may be and how long it was', () => {
    expect(messagesOf(z.object({ title: text(5) }), { title: 'Новый год' })).toEqual(['title: expected at most 5 characters, got 9']);
    expect(messagesOf(z.object({ title: text(5) }), { title: '   ' })).toEqual(['title: must not be empty']);
  });

  it('names YAML-friendly types and what was received', () => {
    expect(messagesOf(z.object({ items: z.array(z.number()) }), { items: 'a, b' })).toEqual([
      'items: expected a list (lines starting with "- "), got "a, b"',
    ]);
    expect(messagesOf(z.object({ title: z.string() }), { title: null })).toEqual(['title: expected text, got an empty value']);
  });

  it('reports number bounds and list sizes', () => {
    expect(messagesOf(z.object({ share: z.number().max(0.5) }), { share: 0.7 })).toEqual(['share: expected a number at most 0.5, got 0.7']);
    expect(messagesOf(z.object({ items: z.array(z.string()).min(2) }), { items: ['a'] })).toEqual([
      'items: expected at least 2 items, got 1',
    ]);
  });

  it("keeps a union's own message for a plain value", () => {
    expect(messagesOf(z.object({ startsAt: dateOrDateTime }), { startsAt: '14.12.2020' })).toEqual([
      'startsAt: expected a date like 2020-12-14 or a date-time like 2020-12-14T10:00:00+03:00, got "14.12.2020"',
    ]);
  });

  it('reports the closest branch of a union of objects', () => {
    const contact = z.union([z.strictObject({ email: z.email() }), z.strictObject({ phone: z.string(), ext: z.string() })]);
    expect(messagesOf(z.object({ contact }), { contact: { email: 42 } })).toEqual(['contact.email: expected text, got 42']);
  });
});

describe('closestKey', () => {
  const keys = ['brandName', 'colors', 'logo', 'heroImage', 'font'];

  it('finds a key typed in another case or with a typo', () => {
    expect(closestKey('brandname', keys)).toBe('brandName');
    expect(closestKey('colours', keys)).toBe('colors');
    expect(closestKey('heroImg', keys)).toBe('heroImage');
  });

  it('suggests nothing when no key is obviously meant', () => {
    expect(closestKey('background', keys)).toBeUndefined();
    expect(closestKey('fonts2', ['font1', 'font3'])).toBeUndefined();
  });
});

describe('formatPath', () => {
  it('writes list indexes in brackets', () => {
    expect(formatPath(['questions', 3, 'answer'])).toBe('questions[3].answer');
    expect(formatPath([])).toBe('');
  });
});
