import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { trueFalseQuiz } from '../../../../src/mechanics/true-false-quiz/index.ts';

const projectDir = fileURLToPath(new URL('../../../../projects/new-year-traditions/', import.meta.url));
const yaml = readFileSync(`${projectDir}project.yaml`, 'utf8');
const document = parse(yaml) as Record<string, unknown>;
const mechanicKeys = Object.keys(trueFalseQuiz.configSchema.shape);
const mechanicPart = Object.fromEntries(Object.entries(document).filter(([key]) => mechanicKeys.includes(key)));

describe('example project «Верю — не верю»', () => {
  const parsed = trueFalseQuiz.configSchema.safeParse(mechanicPart);

  it('starts with the schema comment for the editor', () => {
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../project.schema.json');
  });

  it('parses with the quiz config schema', () => {
    expect(parsed.error?.issues).toBeUndefined();
  });

  it('passes checkConfig', () => {
    const config = { ...parsed.data!, slug: String(document.slug), locale: 'ru' as const };
    expect(trueFalseQuiz.checkConfig!(config)).toEqual([]);
  });

  it('has six questions, mostly true, with the seed questions first', () => {
    const questions = parsed.data!.questions;
    expect(questions).toHaveLength(6);
    expect(questions.filter((question) => question.answer)).toHaveLength(4);
    expect(questions[0]?.statement).toContain('Кубе');
    expect(questions[1]?.statement).toContain('Итали');
  });

  it('has 6–8 booklet pages named NN-….md', () => {
    const pages = readdirSync(`${projectDir}booklet`);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(8);
    for (const page of pages) expect(page).toMatch(/^\d\d-[a-z0-9-]+\.md$/);
  });
});
