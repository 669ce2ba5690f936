import type { APIRoute } from 'astro';
import { handleApi, HttpError } from '../../../server/http.ts';
import { findProject } from '../../../server/projects.ts';
import { getStorage } from '../../../storage/index.ts';
import { shareImageResponse } from '../../../share/route.ts';

/** og.png (1200×630) and story.png (1080×1920) of a share; any other name is a 404. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const format = context.params.format;
    if (format !== 'og' && format !== 'story') throw new HttpError(404, 'unknown-format', 'Share images are og.png and story.png.');
    const id = context.params.id ?? '';
    const share = /^[A-Za-z0-9_-]{8,64}$/.test(id) ? await (await getStorage()).shares.get(id) : undefined;
    if (!share) throw new HttpError(404, 'share-not-found', 'There is no such share.');
    const lookup = await findProject(share.project);
    if (lookup.status !== 'ok') throw new HttpError(404, 'project-not-found', 'The project of this share is gone.');
    return shareImageResponse({
      project: lookup.project,
      content: share.content,
      format,
      request: context.request,
      clientKey: context.clientAddress,
    });
  });
