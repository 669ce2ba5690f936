import { describe, expect, it } from 'vitest';
import { checkCardConfig } from '../../../../src/mechanics/card-generator/check.ts';
import { cardGeneratorConfigSchema } from '../../../../src/mechanics/card-generator/schema.ts';
import { smallConfig } from './example.ts';

function messages(overrides: Parameters<typeof smallConfig>[0]): string[] {
  return checkCardConfig(smallConfig(overrides)).map((problem) => `${problem.path.join('.')}: ${problem.message}`);
}

describe('checkCardConfig', () => {
  it('accepts the small config', () => {
    expect(messages({})).toEqual([]);
  });

  it('reports an unknown slot and a stray brace with the template path', () => {
    expect(messages({ templates: ['{name}, привет! {look} {hobby} {mood} {oops'] })).toEqual([
      'templates.0: unknown slot {mood}; known slots: name, look, hobby',
      'templates.0: a brace is not part of a {slot}; slots look like {name}',
    ]);
  });

  it('requires every template to use every question', () => {
    expect(messages({ templates: ['{name}, ты {look}!'] })).toEqual([
      'templates.0: the template does not use question 3 («Чем она увлекается?»); use one of {hobby} so every answer shows on the card',
    ]);
  });

  it('allows the typed name only as an address', () => {
    const [problem] = messages({ templates: ['Открытка для {name} — {look}, {hobby}.'] });
    expect(problem).toContain('{name} must be followed by «,» or «!»');
  });

  it('requires every option of a question to fill the same slots', () => {
    const base = smallConfig();
    const [name, look, hobby] = base.questions;
    if (look?.type !== 'choice') throw new Error('fixture changed');
    const broken = { ...look, options: [look.options[0]!, { ...look.options[1]!, fragments: { lookLike: 'яркой' } }] };
    expect(messages({ questions: [name!, broken, hobby!] })).toContain(
      'questions.1.options.0.fragments: missing lookLike: every option of a question fills the same slots (look, lookLike)',
    );
  });

  it('reports duplicate question ids', () => {
    const base = smallConfig();
    const [name, look, hobby] = base.questions;
    expect(messages({ questions: [name!, look!, { ...hobby!, id: 'look' }] })).toContain(
      'questions.2.id: question id «look» is used twice; ids must be unique',
    );
  });
});

describe('cardGeneratorConfigSchema', () => {
  it('refuses braces inside fragments and bad block-list patterns', () => {
    const result = cardGeneratorConfigSchema.safeParse({
      kind: 'card-generator',
      questions: [
        {
          type: 'choice',
          id: 'look',
          title: 'Какая?',
          options: [
            { id: 'a', label: 'A', fragments: { look: '{name}' } },
            { id: 'b', label: 'B', fragments: { look: 'b' } },
          ],
        },
      ],
      templates: ['{look}'],
      moderation: { blockList: ['two words'] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'questions.0.options.0.fragments.look',
      'moderation.blockList.0',
    ]);
  });
});
