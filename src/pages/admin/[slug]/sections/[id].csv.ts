import type { APIRoute } from 'astro';
import { adminLocale } from '../../../../admin/strings.ts';
import { mechanicSections } from '../../../../admin/mechanic-sections.ts';
import { csvLine } from '../../../../crm/csv-output.ts';
import { handleApi, HttpError } from '../../../../server/http.ts';
import { findProject } from '../../../../server/projects.ts';
import { getStorage } from '../../../../storage/index.ts';

/**
 * A mechanic's dashboard table as CSV (the survey's moderated own answers). Cells come from
 * players, so one starting like a spreadsheet formula is prefixed with ' to stay text.
 */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const slug = context.params.slug ?? '';
    const lookup = await findProject(slug);
    if (lookup.status !== 'ok') throw new HttpError(404, 'project-not-found', `There is no loadable project named ${slug}.`);
    const locale = adminLocale(context.url, lookup.project.config.locale);
    const sections = await mechanicSections(lookup.project, await getStorage(), locale);
    const section = sections.find((candidate) => candidate.id === context.params.id && candidate.exportable);
    if (!section) throw new HttpError(404, 'section-not-found', `Project ${slug} has no downloadable table ${context.params.id ?? ''}.`);
    const body = [section.columns, ...section.rows].map((row) => csvLine(row.map(asText))).join('');
    return new Response(`\uFEFF${body}`, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${slug}-${section.id}.csv"`,
      },
    });
  });

function asText(cell: string | number): string | number {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
