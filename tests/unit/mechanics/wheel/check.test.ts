import { describe, expect, it } from 'vitest';
import { ProjectConfigError } from '../../../../src/config/load.ts';
import { link, wheelProject } from './fixtures.ts';

async function problems(own: Record<string, unknown>): Promise<string> {
  try {
    await wheelProject(own);
  } catch (error) {
    if (error instanceof ProjectConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('wheel configs that cannot work', () => {
  it('names the file, line and field of odds that do not add up to 100', async () => {
    const message = await problems({
      prizes: [
        { id: 'book', label: 'Книга', odds: 30, stock: 5, gift: link('Книга') },
        { id: 'next-time', label: 'В другой раз', odds: 60, consolation: true },
      ],
    });
    expect(message).toMatch(/project\.yaml:\d+ prizes: the odds add up to 90; expected 100/);
  });

  it('refuses a prize without stock or pool, and a wheel without exactly one consolation prize', async () => {
    const message = await problems({
      prizes: [
        { id: 'book', label: 'Книга', odds: 50, gift: link('Книга') },
        { id: 'mug', label: 'Кружка', odds: 50, stock: 3 },
      ],
    });
    expect(message).toMatch(/project\.yaml:\d+ prizes\[0\]\.stock: prize book has no stock or pool/);
    expect(message).toMatch(/project\.yaml:\d+ prizes\[1\]\.gift: prize mug has no gift/);
    expect(message).toMatch(/prizes: 0 prizes are marked consolation: true; expected exactly one/);
  });

  it('accepts a wheel whose odds add up and whose prizes all have stock', async () => {
    expect(
      await problems({
        prizes: [
          { id: 'book', label: 'Книга', odds: 33.3, stock: 5, gift: link('Книга') },
          { id: 'mug', label: 'Кружка', odds: 33.3, stock: 5, gift: link('Кружка') },
          { id: 'next-time', label: 'В другой раз', odds: 33.4, consolation: true },
        ],
      }),
    ).toBe('');
  });
});
