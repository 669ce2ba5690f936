import { PROJECT_SLUG } from '../config/schemas/common.ts';
import type { LinkRecord, PlayRecord } from './types.ts';

/** The local store makes a project's name a folder name, so only valid slugs pass. */
export function isProjectName(name: string): boolean {
  return PROJECT_SLUG.test(name);
}

export function checkProjectName(project: string): void {
  if (!isProjectName(project)) {
    throw new Error(
      `storage: project name "${project}" is not a valid slug; expected lowercase letters, digits and dashes, like new-year-traditions`,
    );
  }
}

/** Refuses a record filed under another project or player: a caller bug that would mix data. */
export function checkPlayIdentity(record: PlayRecord, project: string, player: string): void {
  if (record.project !== project || record.player !== player) {
    throw new Error(
      `plays.update(${project}, ${player}): the change returned a record for project ` +
        `"${record.project}" and player "${record.player}"; expected the same project and player`,
    );
  }
}

/** Refuses a batch (`links.add`, `orders.add`) holding a record of another project. */
export function checkBatchProject(method: string, project: string, records: readonly { project: string }[]): void {
  records.forEach((record, index) => {
    if (record.project !== project) {
      throw new Error(`${method}(${project}): record [${index}] has project "${record.project}"; expected "${project}". Nothing was added`);
    }
  });
}

export function tokenTakenError(project: string, link: Pick<LinkRecord, 'token' | 'customerId'>, ownerCustomerId: string): Error {
  return new Error(
    `links.add(${project}): token "${link.token}" of customer "${link.customerId}" already belongs to ` +
      `customer "${ownerCustomerId}"; expected a fresh token per link. Nothing was added`,
  );
}
