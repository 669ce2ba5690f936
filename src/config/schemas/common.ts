import { z } from 'zod';

/** Languages the framework UI speaks. Project copy is written by the author in this language. */
export const localeSchema = z.enum(['ru', 'en']).meta({ description: 'UI language: ru or en.' });
export type Locale = z.output<typeof localeSchema>;

/** Visible copy: trimmed, non-empty, and short enough for a phone screen. */
export const text = (max = 2000) => z.string().trim().min(1).max(max);

/**
 * A file inside the project folder, e.g. `assets/logo.svg`. Absolute paths and `..` are refused
 * so a project can never read files outside its folder; the loader checks that the file exists.
 */
export const assetPath = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w\-./ ]+$/, {
    message: 'expected a path inside the project folder, like assets/logo.png',
  })
  .meta({ description: 'Path relative to the project folder, e.g. assets/logo.png' });

/** A CSS hex colour: #rgb or #rrggbb. */
export const color = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, { message: 'expected a hex colour like #e30613' });

/** A calendar date (`2020-12-14`) or date-time with offset (`2020-12-14T10:00:00+03:00`). */
export const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected a date like 2020-12-14 or a date-time like 2020-12-14T10:00:00+03:00',
});

/** A public http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
