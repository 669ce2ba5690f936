import { z } from 'zod';
import { schemaMessage } from '../../i18n/cli-messages.ts';

/** Languages the framework UI speaks. Project copy is written by the author in this language. */
export const localeSchema = z.enum(['ru', 'en']).meta({ description: 'UI language: ru or en.' });
export type Locale = z.output<typeof localeSchema>;

/** A project's URL name, which is also its folder name and its name in storage. */
export const PROJECT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Visible copy: trimmed, non-empty, and short enough for a phone screen. */
export const text = (max = 2000) => z.string().trim().min(1).max(max);

/**
 * Schemas whose values name something inside the project folder. The loader walks the parsed
 * config against the schema and checks every such value on disk, so a mechanic's own fields are
 * covered as soon as they use `assetPath` or `assetFolder`, without being listed anywhere.
 * zod registries inherit entries through `.meta()`/`.describe()` clones, so a field may add its
 * own description and stay marked.
 */
export const projectFiles = z.registry<{ expects: 'file' | 'folder' }>();

const insideProjectFolder = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // Absolute paths and `..` are refused so a project can never read files outside its folder.
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w\-./ ]+$/, {
    error: schemaMessage((words) => words.pathInsideProject),
  });

/** A file inside the project folder, e.g. `assets/logo.svg`; the loader checks that it exists. */
export const assetPath = insideProjectFolder
  .meta({ description: 'Path of a file relative to the project folder, e.g. assets/logo.png' })
  .register(projectFiles, { expects: 'file' });

/** A folder inside the project folder, e.g. `booklet`; the loader checks that it exists. */
export const assetFolder = insideProjectFolder
  .meta({ description: 'Path of a folder relative to the project folder, e.g. booklet' })
  .register(projectFiles, { expects: 'folder' });

/** A CSS hex colour: #rgb or #rrggbb. */
export const color = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, { error: schemaMessage((words) => words.hexColour) })
  .meta({ description: 'A hex colour, #rgb or #rrggbb.', examples: ['#e30613'] });

/** A calendar date (`2020-12-14`) or date-time with offset (`2020-12-14T10:00:00+03:00`). */
export const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: schemaMessage((words) => words.dateOrDateTime),
});

/** A public http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: schemaMessage((words) => words.httpUrl) });
