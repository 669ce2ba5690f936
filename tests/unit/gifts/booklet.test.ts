import { describe, expect, it } from 'vitest';
import { loadBooklet } from '../../../src/gifts/index.ts';
import { renderBookletMarkdown } from '../../../src/gifts/markdown.ts';
import { bookletGift, giftProject, projectFolder } from './project-fixture.ts';

const render = (markdown: string) => renderBookletMarkdown(markdown, 'new-year', 'booklet').html;

describe('booklet Markdown', () => {
  it('shows raw HTML as text instead of markup', () => {
    const html = render('<script>alert(1)</script>\n\nТекст <img src=x onerror="alert(2)"> и <b>жирный</b>');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(2)&#34;&#62;');
  });

  it('renders headings, lists and bold', () => {
    const html = render('# Куба\n\n- **Посуда** к празднику\n- Вода из окна');
    expect(html).toContain('<h1>Куба</h1>');
    expect(html).toContain('<li><strong>Посуда</strong> к празднику</li>');
  });

  it('keeps http, mailto and tel links and drops script links', () => {
    const html = render('[магазин](https://hoff.ru/) [почта](mailto:a@hoff.ru) [жми](javascript:alert(1))');
    expect(html).toContain('<a href="https://hoff.ru/" target="_blank" rel="noopener noreferrer">магазин</a>');
    expect(html).toContain('href="mailto:a@hoff.ru"');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('жми');
  });

  it('serves relative images from the project folder and refuses others', () => {
    expect(render('![Пальмы](img/palms.png)')).toContain('<img src="/assets/new-year/booklet/img/palms.png" alt="Пальмы"');
    expect(render('![Ёлка](../shared/tree%20big.png)')).toContain('src="/assets/new-year/shared/tree%20big.png"');
    for (const outside of ['../../etc/passwd', '/etc/passwd', 'https://tracker.example/pixel.png']) {
      const html = render(`![чужая](${outside})`);
      expect(html).not.toContain('<img');
      expect(html).toContain('чужая');
    }
  });
});

describe('loadBooklet', () => {
  it('reads the Markdown pages in file-name order and titles them by their first heading', async () => {
    const dir = projectFolder({
      'booklet/10-finland.md': '# Финляндия',
      'booklet/02-italy.md': 'Мебель из окна',
      'booklet/01-cuba.md': 'Вступление\n\n## Куба\n\nПосуда',
      'booklet/img/cuba.png': 'not a page',
      'booklet/notes.txt': 'not a page either',
    });
    const booklet = await loadBooklet(giftProject(dir), bookletGift);
    expect(booklet.pages.map((page) => page.file)).toEqual(['booklet/01-cuba.md', 'booklet/02-italy.md', 'booklet/10-finland.md']);
    expect(booklet.pages.map((page) => page.title)).toEqual(['Куба', 'italy', 'Финляндия']);
  });

  it('is read once per process', async () => {
    const project = giftProject(projectFolder({ 'booklet/01.md': '# Один' }));
    expect(await loadBooklet(project, bookletGift)).toBe(await loadBooklet(project, bookletGift));
  });

  it('names the folder when it is missing or has no pages', async () => {
    const missing = giftProject(projectFolder({ 'other/01.md': '# x' }));
    await expect(loadBooklet(missing, bookletGift)).rejects.toThrow(/Booklet folder .*booklet cannot be read/);
    const empty = giftProject(projectFolder({ 'booklet/readme.txt': 'x' }));
    await expect(loadBooklet(empty, bookletGift)).rejects.toThrow(/has no Markdown pages; expected files like 01-intro\.md/);
  });
});
