import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonCopy } from '../json-copy.ts';
import { KeyedMutex } from '../keyed-mutex.ts';
import { checkBatchProject, checkPlayIdentity } from '../record-checks.ts';
import type { OrderRecord, Storage } from '../types.ts';
import { withFileLock } from './file-lock.ts';
import { Journal, promoPool } from './journal.ts';
import { LocalLinkStore } from './links.ts';
import { projectDir } from './paths.ts';
import { memoryAdminStore } from '../memory-admin.ts';
import { holdAsServer } from './server-lock.ts';
import { OutboxFile } from './webhook-outbox.ts';

export interface LocalStorageOptions {
  /** Folder holding every project's data; created if missing. */
  dataDir: string;
  /** A log segment is closed once it would grow past this size. @default 64 MiB */
  segmentBytes?: number;
  /** How many parsed link shards (about 1 000 links each at 1 000 000 links) stay in memory for imports and customer-id lookups. @default 64 */
  cachedLinkShards?: number;
  /**
   * Memory for token lookup indexes (see token-index.ts): about 90 bytes a link, so the default
   * holds every link of a 1 000 000-link project and a link's first lookup is its shard's only parse.
   * @default 128 MiB
   */
  tokenIndexBytes?: number;
  /** Open as the folder's one server: refuses while another live server holds it. CLI commands leave it off. @default false */
  asServer?: boolean;
}

/**
 * The embedded store: links in sharded lowdb files, everything else in an append-only log per
 * project replayed into memory on open. One server process per data dir; CLI commands may run
 * beside it (they add links and orders, which the server then sees).
 */
export async function createLocalStorage(options: LocalStorageOptions): Promise<Storage> {
  const { dataDir, segmentBytes = 64 * 1024 * 1024, cachedLinkShards = 64, tokenIndexBytes = 128 * 1024 * 1024 } = options;
  await mkdir(dataDir, { recursive: true });
  const serverHold = options.asServer ? await holdAsServer(dataDir) : undefined;
  const journal = await Journal.open(dataDir, segmentBytes);
  const playLocks = new KeyedMutex();
  const pendingClaims = new Map<string, Promise<string | undefined>>();
  const pendingShareIds = new Set<string>();

  return {
    links: new LocalLinkStore(dataDir, { cachedShards: cachedLinkShards, tokenIndexBytes, warmTokenIndexes: options.asServer === true }),

    plays: {
      async get(project, player) {
        const play = journal.projection(project).plays.get(player);
        return play && structuredClone(play);
      },
      update(project, player, change) {
        return playLocks.run(`${project}\n${player}`, async () => {
          const current = journal.projection(project).plays.get(player);
          const next = jsonCopy(change(current && structuredClone(current)));
          checkPlayIdentity(next, project, player);
          await journal.append(project, [{ kind: 'play', play: next }]);
          return structuredClone(next);
        });
      },
      async *scan(project) {
        for (const play of journal.projection(project).plays.values()) yield structuredClone(play);
      },
    },

    events: {
      append(event) {
        return journal.append(event.project, [{ kind: 'event', event }]);
      },
      async *scan(project) {
        for await (const entry of journal.scan(project, 'event')) yield entry.event;
      },
    },

    promo: {
      async load(project, pool, codes) {
        promoPool(journal.projection(project), pool).load(codes);
      },
      async claim(project, pool, player) {
        const claimKey = JSON.stringify([project, pool, player]);
        const pending = pendingClaims.get(claimKey);
        if (pending) return pending;
        // From here to the append nothing awaits: finding a free code and taking it is one step.
        const promo = promoPool(journal.projection(project), pool);
        const held = promo.codeOf(player);
        if (held !== undefined) return held;
        const code = promo.takeNext(player);
        if (code === undefined) return undefined;
        const claim = journal
          .append(project, [{ kind: 'promo', pool, player, code }])
          .then(
            () => code,
            (error: unknown) => {
              promo.release(player, code);
              throw error;
            },
          )
          .finally(() => pendingClaims.delete(claimKey));
        pendingClaims.set(claimKey, claim);
        return claim;
      },
      async taken(project, pool) {
        return journal.projection(project).promoPools.get(pool)?.takenCount ?? 0;
      },
    },

    shares: {
      async create(share) {
        if (journal.shares.has(share.id) || pendingShareIds.has(share.id)) {
          throw new Error(`shares.create: share id "${share.id}" already exists; expected a new id`);
        }
        pendingShareIds.add(share.id);
        try {
          await journal.append(share.project, [{ kind: 'share', share: jsonCopy(share) }]);
        } finally {
          pendingShareIds.delete(share.id);
        }
      },
      async get(id) {
        const share = journal.shares.get(id);
        return share && structuredClone(share);
      },
    },

    orders: {
      async add(project, orders) {
        checkBatchProject('orders.add', project, orders);
        const dir = projectDir(dataDir, project);
        await mkdir(dir, { recursive: true });
        // Imports may run in several processes: the lock plus catching up on their segments
        // keeps "idempotent by orderId" true across them.
        return withFileLock(join(dir, 'orders.lock'), async () => {
          await journal.catchUp(project);
          const known = journal.projection(project).orderIds;
          const fresh = new Map<string, OrderRecord>();
          for (const order of orders) {
            if (!known.has(order.orderId) && !fresh.has(order.orderId)) fresh.set(order.orderId, jsonCopy(order));
          }
          if (fresh.size > 0) {
            await journal.append(
              project,
              [...fresh.values()].map((order) => ({ kind: 'order' as const, order })),
            );
          }
          return { added: fresh.size, duplicates: orders.length - fresh.size };
        });
      },
      async *scan(project) {
        for await (const entry of journal.scan(project, 'order')) yield entry.order;
      },
    },

    // One server per data folder sees every sign-in, so its memory is the shared place.
    admin: memoryAdminStore(),

    webhooks: {
      open: () => OutboxFile.open(join(dataDir, 'webhooks')),
    },

    async close() {
      await journal.close();
      await serverHold?.release();
    },
  };
}
