import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath, parseWithFriendlyErrors } from '../../../src/config/friendly-errors.ts';
import { quotingHint, readYamlSource } from '../../../src/config/yaml-source.ts';
import { reloadSettings } from '../../../src/environment/index.ts';

describe('YAML syntax errors a marketer can act on', () => {
  it('says once per line that text with «: » or starting with { must be quoted, and shows the line quoted', () => {
    const source = readYamlSource(
      ['title: Верю или нет: новогодний тест', 'intro:', '  title: {name}, сыграем?', 'questions:', "  - statement: Дания: it's true"].join(
        '\n',
      ),
    );
    expect(source.syntaxProblems.map((problem) => `${problem.line}: ${problem.message.replace(/^invalid YAML: [^;]*; /, '')}`)).toEqual([
      "1: a text containing «: » must be in quotes: title: 'Верю или нет: новогодний тест'",
      "3: a text starting with { or [ must be in quotes: title: '{name}, сыграем?'",
      "5: a text containing «: » must be in quotes: - statement: 'Дания: it''s true'",
    ]);
  });

  it('gives the hint in Russian under a Russian LANG', () => {
    const saved = process.env.LANG;
    process.env.LANG = 'ru_RU.UTF-8';
    reloadSettings();
    try {
      expect(quotingHint('title: Верю или нет: тест')).toBe("текст с «: » внутри нужно взять в кавычки: title: 'Верю или нет: тест'");
    } finally {
      process.env.LANG = saved;
      reloadSettings();
    }
  });

  it('gives no quoting hint where quotes would not help', () => {
    expect(quotingHint("title: 'already: quoted'")).toBeUndefined();
    expect(quotingHint('  startButton: Играю')).toBeUndefined();
    expect(quotingHint('url: https://example.com/a')).toBeUndefined();
  });
});

describe('a text that YAML read as a group of fields', () => {
  it('says that `cardTitle: {name}` needs quotes, since YAML takes it for a group of fields', () => {
    const source = readYamlSource('cardTitle: {name}\n');
    expect(source.syntaxProblems).toEqual([]);
    const result = parseWithFriendlyErrors(z.object({ cardTitle: z.string() }), source.data);
    if (result.success) throw new Error('expected a problem');
    expect(result.problems.map((problem) => `${formatPath(problem.path)}: ${problem.message}`)).toEqual([
      "cardTitle: expected text, got a group of fields; a text starting with { must be in quotes, like '{name}'",
    ]);
  });
});
