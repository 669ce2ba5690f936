import { afterAll, beforeAll } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.ts';

export interface ClusterOfThisFile {
  /** The running cluster (only inside tests: it starts before the first). */
  readonly cluster: PostgresCluster;
  /** An empty database of its own, named `<prefix>_<n>`; returns its URL. */
  freshDatabase(): Promise<string>;
}

/** One throwaway PostgreSQL cluster for the tests of the calling file: started before them, destroyed after. */
export function clusterForThisFile(databasePrefix: string): ClusterOfThisFile {
  let cluster: PostgresCluster | undefined;
  let databases = 0;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  }, 60_000);
  const running = () => {
    if (!cluster) throw new Error('The PostgreSQL cluster is only there inside tests.');
    return cluster;
  };
  return {
    get cluster() {
      return running();
    },
    freshDatabase: () => running().createDatabase(`${databasePrefix}_${++databases}`),
  };
}
