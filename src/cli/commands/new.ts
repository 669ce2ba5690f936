import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JSON_SCHEMA_FILE } from '../../config/json-schema.ts';
import { formatProblems, loadProject, ProjectConfigError } from '../../config/load.ts';
import { localeSchema, PROJECT_SLUG, type Locale } from '../../config/schemas/common.ts';
import { mechanicFor, mechanics } from '../../mechanics/registry.ts';
import { newProjectFiles, SAMPLE_CUSTOMERS_FILE, writeProjectFolder } from '../new-project.ts';
import type { CliCommand } from '../main.ts';
import { settings } from '../../environment/index.ts';

const kinds = () => mechanics.map((mechanic) => mechanic.kind).join(', ');

const USAGE = [
  'rekindle new <slug> --kind <kind> [--locale ru|en]',
  `  Creates projects/<slug>/ (or in $REKINDLE_PROJECTS_DIR): a commented project.yaml, placeholder`,
  '  pictures and a sample customer file. <slug> is the URL name: lowercase letters, digits, dashes.',
  `  Kinds: ${kinds()}. Locale: ru (default) or en.`,
].join('\n');

/**
 * `npm run new -- <slug> --kind <kind>`: a new project that validates and plays at once, for an
 * author to edit instead of copying a campaign and its brand's pictures.
 */
const newProject: CliCommand = {
  summary: 'create a new project folder with a commented project.yaml',
  usage: USAGE,
  async run(args) {
    const request = parseRequest(args);
    if (typeof request === 'string') {
      console.error(`${request}\nUsage: ${USAGE}`);
      return 2;
    }
    const { slug, kind, locale } = request;
    const mechanic = mechanicFor(kind);
    if (!mechanic) {
      console.error(`There is no mechanic "${kind}". Kinds: ${kinds()}.`);
      return 2;
    }
    if (!mechanic.example) {
      console.error(
        `The mechanic "${kind}" has no example config yet (src/mechanics/${kind}/example.ts), so a project cannot be started from it.`,
      );
      return 1;
    }
    const { projectsDir } = settings();
    const folder = path.join(projectsDir, slug);
    if (await exists(folder)) {
      console.error(`${folder} already exists; choose another slug or remove the folder.`);
      return 1;
    }
    const schemaPath = path.relative(folder, path.resolve(JSON_SCHEMA_FILE)).split(path.sep).join('/');
    const files = newProjectFiles({ slug, mechanic: { ...mechanic, example: mechanic.example }, locale, schemaPath, today: new Date() });
    await writeProjectFolder(folder, files);
    try {
      await loadProject(folder);
    } catch (error) {
      // The template and the mechanic's example must always validate; say so rather than leave a broken folder unexplained.
      if (!(error instanceof ProjectConfigError)) throw error;
      console.error(
        `${folder} was written, but it does not validate; this is a bug of the ${kind} example:\n${formatProblems(error.problems)}`,
      );
      return 1;
    }
    console.log(
      [
        `Created ${folder} (${kind}, ${locale}):`,
        ...[...files.files.keys()].map((name) => `  ${name}`),
        'Next:',
        `  edit ${path.join(folder, 'project.yaml')}, replace the pictures in ${path.join(folder, 'assets')}/`,
        `  npm run validate -- ${slug}`,
        `  npm run links -- import ${slug} ${path.join(folder, SAMPLE_CUSTOMERS_FILE)} --out mailing.csv`,
      ].join('\n'),
    );
    return 0;
  },
};

export default newProject;

function parseArgsForNew(args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' }, locale: { type: 'string' } } });
}

function parseRequest(args: string[]): { slug: string; kind: string; locale: Locale } | string {
  let parsed: ReturnType<typeof parseArgsForNew>;
  try {
    parsed = parseArgsForNew(args);
  } catch (error) {
    return error instanceof Error ? `${error.message}.` : String(error);
  }
  const [slug, ...rest] = parsed.positionals;
  if (slug === undefined) return 'Expected the new project’s slug.';
  if (rest.length > 0) return `Unexpected extra arguments: ${rest.join(' ')}.`;
  if (!PROJECT_SLUG.test(slug)) return `«${slug}» cannot be a slug; expected lowercase letters, digits and dashes, like valentine-quiz.`;
  const { kind, locale = 'ru' } = parsed.values;
  if (kind === undefined) return `Expected --kind, one of: ${kinds()}.`;
  const checkedLocale = localeSchema.safeParse(locale);
  if (!checkedLocale.success) return `--locale «${locale}» is not a language of Rekindle; expected ru or en.`;
  return { slug, kind, locale: checkedLocale.data };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
