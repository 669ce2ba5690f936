import type { APIRoute } from 'astro';
import { adminGateOf } from '../../../../../admin/guard.ts';
import { previewResults } from '../../../../../play/preview.ts';
import { handleApi, HttpError } from '../../../../../server/http.ts';
import { findProject } from '../../../../../server/projects.ts';
import { isShareFormat } from '../../../../../share/index.ts';
import { shareImageResponse } from '../../../../../share/route.ts';

/** A result's share image (og.png or story.png) as a player would share it, for the gallery. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const format = context.params.format ?? '';
    if (!isShareFormat(format)) throw new HttpError(404, 'unknown-format', 'Share images are og.png and story.png.');
    const lookup = await findProject(context.params.slug ?? '');
    if (lookup.status !== 'ok') throw new HttpError(404, 'project-not-found', 'There is no such project.');
    const index = Number(context.params.index);
    const result = previewResults(lookup.project, new Date()).find((candidate) => candidate.index === index);
    if (!result) throw new HttpError(404, 'unknown-result', 'There is no such result.');
    return shareImageResponse({
      project: lookup.project,
      content: result.summary,
      format,
      request: context.request,
      // A signed-in author's gallery draws every result at once; a visitor's render budget is not for it.
      clientKey: adminGateOf(context.locals).status === 'signed-in' ? undefined : context.locals.request.clientAddress,
    });
  });
