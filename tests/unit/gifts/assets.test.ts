import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../../src/config/problems.ts';
import type { GiftConfig } from '../../../src/config/schemas/gift.ts';
import { checkGiftAssets, giftFileFor, safeDownloadName } from '../../../src/gifts/index.ts';
import { giftProject, projectFolder } from './project-fixture.ts';

const promo: GiftConfig = {
  kind: 'promo-code',
  title: 'Промокод',
  pool: 'gifts/codes.csv',
  fallback: { title: 'Коды закончились', text: 'Загляните в магазин' },
};
const file: GiftConfig = { kind: 'file', title: 'Купон', path: 'gifts/coupon.pdf' };

describe('checkGiftAssets', () => {
  it('finds nothing wrong with complete gifts', () => {
    const dir = projectFolder({
      'booklet/01.md': '# Куба\n\n![Пальмы](img/palms.png)',
      'booklet/img/palms.png': 'png',
      'gifts/codes.csv': 'code\nAAA111\n',
      'gifts/coupon.pdf': '%PDF-',
    });
    const project = giftProject(dir, {
      giftRules: [
        { when: { tier: 'vip' }, gift: promo },
        { when: { tier: 'raised' }, gift: file },
      ],
    });
    expect(checkGiftAssets(project)).toEqual([]);
  });

  it('reports a missing or empty booklet folder at its field', () => {
    const missing = giftProject(projectFolder({ 'project.yaml': '' }));
    expect(checkGiftAssets(missing)).toEqual([
      {
        file: displayPath(path.join(missing.dir, 'project.yaml')),
        path: 'gift.pages',
        message: 'folder booklet does not exist in the project folder; expected a folder of Markdown pages',
      },
    ]);
    const empty = giftProject(projectFolder({ 'booklet/notes.txt': '' }));
    expect(checkGiftAssets(empty)).toMatchObject([
      { path: 'gift.pages', message: 'folder booklet has no Markdown pages; expected files like 01-intro.md' },
    ]);
  });

  it('reports booklet images that are missing or outside the project', () => {
    const project = giftProject(projectFolder({ 'booklet/01.md': '![a](img/none.png)\n\n![b](../../../etc/passwd)' }));
    expect(checkGiftAssets(project).map(({ path: field, message }) => [field, message])).toEqual([
      ['', 'image img/none.png is missing: no file booklet/img/none.png in the project folder'],
      ['', 'image ../../../etc/passwd is outside the project folder; expected a path like images/photo.jpg next to the pages'],
    ]);
  });

  it('reports pool problems with the pool file and line, in every gift rule', () => {
    const dir = projectFolder({ 'booklet/01.md': '# ok', 'gifts/codes.csv': 'code\nAAA111\nAAA111\n' });
    const project = giftProject(dir, { giftRules: [{ when: { segment: 'churned' }, gift: promo }] });
    expect(checkGiftAssets(project)).toEqual([
      {
        file: displayPath(path.join(dir, 'gifts/codes.csv')),
        path: '',
        line: 3,
        message: 'code AAA111 repeats line 2; each code must be given once',
      },
    ]);
  });

  it('reports a missing pool and a missing file at their fields', () => {
    const project = giftProject(projectFolder({}), {
      gift: file,
      giftRules: [{ when: { tier: 'vip' }, gift: promo }],
    });
    expect(checkGiftAssets(project).map((problem) => [problem.path, problem.message])).toEqual([
      ['gift.path', 'file gifts/coupon.pdf does not exist in the project folder'],
      ['giftRules.0.gift.pool', 'file gifts/codes.csv does not exist in the project folder; expected a CSV with one code per line'],
    ]);
  });
});

describe('giftFileFor', () => {
  const fileGift = { kind: 'file', title: 'Купон', path: 'gifts/Купон на скидку.pdf' } as const;

  it('gives the absolute path, a safe name and the content type', () => {
    const dir = projectFolder({ 'gifts/Купон на скидку.pdf': '%PDF-' });
    expect(giftFileFor(giftProject(dir), fileGift)).toEqual({
      path: path.join(dir, 'gifts/Купон на скидку.pdf'),
      fileName: 'kupon-na-skidku.pdf',
      contentType: 'application/pdf',
    });
  });

  it('refuses a missing file and a symlink leading out of the project folder', () => {
    expect(giftFileFor(giftProject(projectFolder({})), fileGift)).toBeUndefined();
    const outside = projectFolder({ 'secret.pdf': 'secret' });
    const dir = projectFolder({ 'gifts/.keep': '' });
    symlinkSync(path.join(outside, 'secret.pdf'), path.join(dir, 'gifts/Купон на скидку.pdf'));
    expect(giftFileFor(giftProject(dir), fileGift)).toBeUndefined();
  });
});

describe('safeDownloadName', () => {
  it.each([
    ['Купон Hoff (1).PDF', 'kupon-hoff-1.pdf'],
    ['café wallpaper.png', 'cafe-wallpaper.png'],
    ['🎄.zip', 'gift.zip'],
    ['Щедрый ёжик.txt', 'shchedryy-ezhik.txt'],
  ])('turns %s into %s', (name, safe) => {
    expect(safeDownloadName(name)).toBe(safe);
  });
});
