import { describe, expect, it } from 'vitest';
import { contrastRatio, MIN_TEXT_CONTRAST, mutedTextColor } from '../../../src/config/contrast.ts';
import { brandingSchema } from '../../../src/config/schemas/project.ts';

const LIGHT = { text: '#1a1a1a', background: '#ffffff', surface: '#f4f4f4' };
const DARK = { text: '#f0f0f0', background: '#101820', surface: '#1c2733' };

describe('mutedTextColor', () => {
  it("gives each brand its own muted colour, however often and in whatever order pages ask (no brand's colour served to another)", () => {
    const light = mutedTextColor(LIGHT);
    const dark = mutedTextColor(DARK);
    expect(light).not.toBe(dark);
    for (let round = 0; round < 3; round++) {
      expect(mutedTextColor(DARK)).toBe(dark);
      expect(mutedTextColor(LIGHT)).toBe(light);
      expect(mutedTextColor({ ...LIGHT, surface: '#ffffff' })).toBe(mutedTextColor({ ...LIGHT, surface: '#ffffff' }));
    }
  });

  it('keeps 4.5:1 on the background and on cards, and differs from the text colour when there is room', () => {
    for (const colors of [LIGHT, DARK]) {
      const muted = mutedTextColor(colors);
      expect(muted).not.toBe(colors.text);
      expect(contrastRatio(muted, colors.background)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(muted, colors.surface)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('changes with the surface colour alone: a darker card leaves less room to soften', () => {
    expect(mutedTextColor({ ...LIGHT, surface: '#c8c8c8' })).not.toBe(mutedTextColor(LIGHT));
  });
});

describe('brand colours in the validator', () => {
  it('reports a colour that is no colour at all once, at its field, instead of crashing on its contrast', () => {
    const result = brandingSchema.shape.colors.safeParse({ primary: 'зелёный' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['primary', 'expected a hex colour like #e30613'],
    ]);
  });
});
