import type { LoadedProject } from '../config/load.ts';
import { findProject } from '../server/projects.ts';
import { getStorage } from '../storage/index.ts';
import type { ShareRecord } from '../storage/types.ts';
import { isShareId } from './share-id.ts';

/** The share behind a public id and its project, or undefined when either is gone or the id is malformed. */
export async function findSharedResult(id: string): Promise<{ share: ShareRecord; project: LoadedProject } | undefined> {
  if (!isShareId(id)) return undefined;
  const share = await (await getStorage()).shares.get(id);
  if (!share) return undefined;
  const lookup = await findProject(share.project);
  return lookup.status === 'ok' ? { share, project: lookup.project } : undefined;
}
