import { describe, expect, it } from 'vitest';
import { shareSchema } from '../../../src/config/schemas/share.ts';
import { countLines, fitBlocks, measureEm } from '../../../src/share/fit.ts';
import { loadFamily } from '../../../src/share/fonts.ts';
import { darken, fitContent, resolveLayout } from '../../../src/share/layout.ts';
import { SHARE_NETWORKS } from '../../../src/share/networks.ts';
import { twemojiFileName } from '../../../src/share/emoji.ts';
import type { ShareProject } from '../../../src/share/types.ts';

const shareTexts = { title: '{title}', description: 'Угадайте традиции', callToAction: 'Сыграть самому' };

function project(image: Record<string, unknown> = {}, logo?: string): ShareProject {
  return {
    slug: 'demo',
    dir: '/nowhere',
    config: {
      locale: 'ru',
      branding: { brandName: 'Hoff', colors: { primary: '#e30613', onPrimary: '#ffffff' }, logo, font: 'pt-sans' },
      share: shareSchema.parse({ ...shareTexts, image }),
    },
  };
}

describe('share config', () => {
  it('fills a branded layout from nothing', () => {
    expect(shareSchema.parse(shareTexts).image).toEqual({ align: 'center', textAlign: 'center', showLogo: true });
    expect(resolveLayout(project())).toMatchObject({
      background: { kind: 'gradient', from: '#e30613', to: darken('#e30613', 0.45) },
      scrim: 0,
      textColor: '#ffffff',
      mark: { kind: 'wordmark', text: 'Hoff' },
    });
  });

  it('darkens a picture background by default and shows the logo file', () => {
    expect(resolveLayout(project({ background: 'assets/bg.jpg' }, 'assets/logo.svg'))).toMatchObject({
      background: { kind: 'image', path: 'assets/bg.jpg' },
      scrim: 0.45,
      mark: { kind: 'logo', path: 'assets/logo.svg' },
    });
  });

  it('refuses unknown keys, paths out of the folder and odd values', () => {
    const bad = [
      { colour: '#fff' },
      { background: '../bg.jpg' },
      { align: 'middle' },
      { scrim: 1 },
      { background: { gradient: ['#fff'] } },
    ];
    for (const image of bad) expect(shareSchema.safeParse({ ...shareTexts, image }).success, JSON.stringify(image)).toBe(false);
  });
});

describe('text fitting', () => {
  const advances = new Map([...'abcdefghijklmnopqrstuvwxyz'].map((char) => [char.codePointAt(0)!, 0.5]));
  advances.set(0x20, 0.25);

  it('measures characters, unknown characters and emoji', () => {
    expect(measureEm('ab', advances)).toBe(1);
    expect(measureEm('🎄', advances)).toBeGreaterThanOrEqual(1);
    expect(measureEm('Ж', advances)).toBeGreaterThan(0.5);
  });

  it('wraps at spaces and breaks a word longer than the line', () => {
    expect(countLines('aaaa aaaa', 4.2, advances)).toBe(2);
    expect(countLines('aaaa aaaa', 4.25, advances)).toBe(1);
    expect(countLines('a'.repeat(30), 5, advances)).toBe(3);
    expect(countLines('aa\naa', 10, advances)).toBe(2);
  });

  it('shrinks text that does not fit, down to the minimum, then clamps', () => {
    const style = { max: 40, min: 20, lineHeight: 1, advances };
    const short = fitBlocks([{ id: 'title', text: 'abc', style }], { width: 400, height: 400, gap: 0 });
    expect(short).toEqual([{ id: 'title', fontSize: 40, lines: 1, clamped: false }]);
    const medium = fitBlocks([{ id: 'title', text: 'abcd '.repeat(20), style }], { width: 400, height: 150, gap: 0 });
    expect(medium[0]!.fontSize).toBeLessThan(40);
    expect(medium[0]!.clamped).toBe(false);
    expect(medium[0]!.lines * medium[0]!.fontSize).toBeLessThanOrEqual(150);
    const huge = fitBlocks([{ id: 'title', text: 'abcd '.repeat(500), style }], { width: 400, height: 200, gap: 0 });
    expect(huge[0]).toMatchObject({ fontSize: 20, lines: 10, clamped: true });
  });

  it('fits a 500-character greeting on an og card without clamping', async () => {
    const family = await loadFamily('pt-sans');
    const greeting = 'Дорогая Анна! Пусть весна принесёт тепло, радость и новые открытия. '.repeat(8).slice(0, 500);
    const fitted = fitContent(resolveLayout(project()), 'og', { title: 'Открытка для Анны', text: greeting }, family);
    expect(fitted.map((block) => block.clamped)).toEqual([false, false]);
  });
});

describe('share buttons', () => {
  const payload = {
    url: 'https://example.com/s/abc',
    title: 'Я угадала 5 из 6 & «ёлка»',
    text: '',
    imageUrl: 'https://example.com/s/abc/og.png',
  };

  it('builds each network link with the share URL encoded', () => {
    const links = Object.fromEntries(SHARE_NETWORKS.map((network) => [network.id, new URL(network.href(payload))]));
    expect(Object.keys(links)).toEqual(['vk', 'ok', 'telegram', 'whatsapp', 'x', 'facebook']);
    expect(links.vk!.searchParams.get('url')).toBe(payload.url);
    expect(links.vk!.searchParams.get('image')).toBe(payload.imageUrl);
    expect(links.ok!.searchParams.get('imageUrl')).toBe(payload.imageUrl);
    expect(links.telegram!.searchParams.get('text')).toBe(payload.title);
    expect(links.whatsapp!.searchParams.get('text')).toBe(`${payload.title} ${payload.url}`);
    expect(links.x!.searchParams.get('url')).toBe(payload.url);
    expect(links.facebook!.searchParams.get('u')).toBe(payload.url);
    for (const link of Object.values(links)) expect(link.protocol).toBe('https:');
  });

  it('names twemoji files the way twemoji does', () => {
    expect(twemojiFileName('🎄')).toBe('1f384.svg');
    expect(twemojiFileName('❤️')).toBe('2764.svg');
    expect(twemojiFileName('❤️‍🔥')).toBe('2764-fe0f-200d-1f525.svg');
  });
});

describe('share page texts', () => {
  it('fills the title and describes the image, score first', async () => {
    const { shareTexts } = await import('../../../src/share/page.ts');
    const config = { locale: 'ru' as const, share: { title: 'Мой результат: {title}', description: 'Угадайте традиции' } };
    expect(shareTexts(config, { title: 'Знаток традиций', text: 'Почти всё!', score: { value: 5, of: 6 } })).toEqual({
      title: 'Мой результат: Знаток традиций',
      description: 'Угадайте традиции',
      imageAlt: '5 из 6. Знаток традиций',
      body: 'Почти всё!',
    });
    expect(shareTexts(config, { title: '<b>', score: { value: 7, of: 6 } })).toBeUndefined();
  });
});
