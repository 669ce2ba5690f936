import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectBaseShape } from '../../../../src/config/schemas/project.ts';
import { cardGeneratorConfigSchema, type CardGeneratorConfig } from '../../../../src/mechanics/card-generator/schema.ts';

const exampleFile = new URL('../../../../projects/march-8-greetings/project.yaml', import.meta.url);

/**
 * The example project, parsed with the shared project fields and this mechanic's fields, the way
 * src/config merges them, so these tests do not depend on the loader.
 */
export function exampleConfig(): CardGeneratorConfig {
  const schema = z.strictObject({ ...projectBaseShape, ...cardGeneratorConfigSchema.shape });
  return schema.parse(parse(readFileSync(exampleFile, 'utf8')));
}

/** A small config for rules tests: a name, a single and a multiple choice. */
export function smallConfig(overrides: Partial<CardGeneratorConfig> = {}): CardGeneratorConfig {
  return {
    slug: 'test-card',
    locale: 'ru',
    ...cardGeneratorConfigSchema.parse({
      kind: 'card-generator',
      questions: [
        { type: 'text', id: 'name', title: 'Имя', maxLength: 20 },
        {
          type: 'choice',
          id: 'look',
          title: 'Какая она?',
          options: [
            { id: 'tender', label: 'Нежная', image: 'assets/tulips.svg', fragments: { look: 'нежная' } },
            { id: 'bright', label: 'Яркая', fragments: { look: 'яркая' } },
          ],
        },
        {
          type: 'choice',
          id: 'hobby',
          title: 'Чем она увлекается?',
          multiple: true,
          options: [
            { id: 'music', label: 'Музыка', fragments: { hobby: ['музыки', 'красивых мелодий'] } },
            { id: 'books', label: 'Книги', fragments: { hobby: 'книг' } },
            { id: 'dance', label: 'Танцы', fragments: { hobby: 'танцев' } },
          ],
        },
      ],
      templates: [
        '{name}, с 8 Марта! Ты такая {look}. Желаю {hobby}.',
        'Дорогая {name}! Оставайся {look}, и больше {hobby}!',
        'С праздником, {name}! {look} и прекрасная. Пусть будет больше {hobby}.',
      ],
      moderation: { blockList: ['конкурент*'] },
    }),
    ...overrides,
  };
}
