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

describe('a prize’s gift files', () => {
  it('are checked by validate like the project’s own gift: a malformed code in a prize’s pool is reported with its line', async () => {
    const { checkGiftAssets } = await import('../../../../src/gifts/index.ts');
    const project = await wheelProject(
      {
        prizes: [
          {
            id: 'code',
            label: 'Код',
            odds: 50,
            gift: { kind: 'promo-code', title: 'Код', pool: 'gifts/codes.csv', fallback: { title: 'Нет', text: 'Нет' } },
          },
          { id: 'next-time', label: 'В другой раз', odds: 50, consolation: true },
        ],
      },
      { 'gifts/codes.csv': 'code\nGOOD-CODE1\nbad code\n' },
    );
    expect(checkGiftAssets(project)).toMatchObject([
      { file: expect.stringMatching(/gifts\/codes\.csv$/), line: 3, message: expect.stringMatching(/"bad code" is not a promo code/) },
    ]);
  });
});
