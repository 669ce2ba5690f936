import type { APIRoute } from 'astro';
import { handleApi, HttpError } from '../../server/http.ts';
import { findProject } from '../../server/projects.ts';
import { projectPreviewContent } from '../../share/project-preview.ts';
import { shareImageResponse } from '../../share/route.ts';

/** The project's own link preview (1200×630), for og:image on its play pages. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const lookup = await findProject(context.params.slug ?? '');
    if (lookup.status !== 'ok') throw new HttpError(404, 'project-not-found', 'There is no such project.');
    return shareImageResponse({
      project: lookup.project,
      content: projectPreviewContent(lookup.project.config),
      format: 'og',
      request: context.request,
      clientKey: context.locals.request.clientAddress,
    });
  });
