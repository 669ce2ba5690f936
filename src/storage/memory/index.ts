import { jsonCopy } from '../json-copy.ts';
import { addToSegmentCounts } from '../segment-counts.ts';
import { summarizeByScan } from '../link-summary.ts';
import { KeyedMutex } from '../keyed-mutex.ts';
import { PromoPool } from '../promo-pool.ts';
import { memoryAdminStore } from '../memory-admin.ts';
import { memoryWebhookOutboxes } from './webhook-outbox.ts';
import { checkBatchProject, checkPlayIdentity, checkProjectName, tokenTakenError } from '../record-checks.ts';
import type { LinkRecord, OrderRecord, PlayRecord, SegmentLinks, ShareRecord, Storage, TrackedEvent } from '../types.ts';

interface ProjectData {
  linksByToken: Map<string, LinkRecord>;
  tokenByCustomer: Map<string, string>;
  plays: Map<string, PlayRecord>;
  events: TrackedEvent[];
  promoPools: Map<string, PromoPool>;
  orders: Map<string, OrderRecord>;
}

/**
 * A Storage held in memory, with the same semantics as the local store (atomic play updates,
 * exclusive promo codes, all-or-nothing link imports, JSON round-trip of every record). For
 * tests and previews: nothing survives the process.
 */
export function createMemoryStorage(): Storage {
  const projects = new Map<string, ProjectData>();
  const shares = new Map<string, ShareRecord>();
  const playLocks = new KeyedMutex();

  function project(name: string): ProjectData {
    let data = projects.get(name);
    if (!data) {
      checkProjectName(name);
      data = {
        linksByToken: new Map(),
        tokenByCustomer: new Map(),
        plays: new Map(),
        events: [],
        promoPools: new Map(),
        orders: new Map(),
      };
      projects.set(name, data);
    }
    return data;
  }

  function promoPool(projectName: string, pool: string): PromoPool {
    const pools = project(projectName).promoPools;
    let promo = pools.get(pool);
    if (!promo) {
      promo = new PromoPool();
      pools.set(pool, promo);
    }
    return promo;
  }

  return {
    links: {
      async add(projectName, batch) {
        const links: LinkRecord[] = [];
        for await (const link of batch) links.push(link);
        checkBatchProject('links.add', projectName, links);
        const data = project(projectName);
        const fresh = new Map<string, LinkRecord>();
        const freshCustomers = new Set<string>();
        for (const link of links) {
          if (data.tokenByCustomer.has(link.customerId) || freshCustomers.has(link.customerId)) continue;
          const owner = data.linksByToken.get(link.token) ?? fresh.get(link.token);
          if (owner) throw tokenTakenError(projectName, link, owner.customerId);
          fresh.set(link.token, jsonCopy(link));
          freshCustomers.add(link.customerId);
        }
        for (const [token, link] of fresh) {
          data.linksByToken.set(token, link);
          data.tokenByCustomer.set(link.customerId, token);
        }
      },
      async updateDetails(projectName, details) {
        const data = projects.get(projectName);
        for (const detail of details) {
          const token = data?.tokenByCustomer.get(detail.customerId);
          const link = token === undefined ? undefined : data?.linksByToken.get(token);
          if (!link) continue;
          if (detail.name !== undefined) link.name = detail.name;
          if (detail.segment !== undefined) link.segment = detail.segment;
          if (detail.spend !== undefined) link.spend = detail.spend;
        }
      },
      async byToken(projectName, token) {
        const link = projects.get(projectName)?.linksByToken.get(token);
        return link && structuredClone(link);
      },
      async byCustomerId(projectName, customerId) {
        const data = projects.get(projectName);
        const token = data?.tokenByCustomer.get(customerId);
        const link = token === undefined ? undefined : data?.linksByToken.get(token);
        return link && structuredClone(link);
      },
      async byCustomerIds(projectName, customerIds, found) {
        const data = projects.get(projectName);
        if (!data) return;
        for (let index = 0; index < customerIds.size; index++) {
          const token = data.tokenByCustomer.get(customerIds.customerIdAt(index));
          const link = token === undefined ? undefined : data.linksByToken.get(token);
          if (link) found(index, structuredClone(link));
        }
      },
      async count(projectName) {
        return projects.get(projectName)?.linksByToken.size ?? 0;
      },
      async countsBySegment(projectName) {
        const counts = new Map<string, SegmentLinks>();
        for (const link of projects.get(projectName)?.linksByToken.values() ?? [])
          addToSegmentCounts(counts, link.segment ?? '', link.group, link.arm);
        return counts;
      },
      async *scan(projectName) {
        for (const link of projects.get(projectName)?.linksByToken.values() ?? []) yield structuredClone(link);
      },
      summarize(projectName, named) {
        return summarizeByScan(this.scan(projectName), named);
      },
    },

    plays: {
      async get(projectName, player) {
        const play = projects.get(projectName)?.plays.get(player);
        return play && structuredClone(play);
      },
      update(projectName, player, change) {
        return playLocks.run(`${projectName}\n${player}`, async () => {
          const plays = project(projectName).plays;
          const current = plays.get(player);
          const next = jsonCopy(change(current && structuredClone(current)));
          checkPlayIdentity(next, projectName, player);
          plays.set(player, next);
          return structuredClone(next);
        });
      },
      async *scan(projectName) {
        for (const play of projects.get(projectName)?.plays.values() ?? []) yield structuredClone(play);
      },
    },

    events: {
      async append(event) {
        project(event.project).events.push(jsonCopy(event));
      },
      async *scan(projectName) {
        for (const event of projects.get(projectName)?.events ?? []) yield structuredClone(event);
      },
    },

    promo: {
      async load(projectName, pool, codes) {
        promoPool(projectName, pool).load(codes);
      },
      async claim(projectName, pool, player) {
        const promo = promoPool(projectName, pool);
        return promo.codeOf(player) ?? promo.takeNext(player);
      },
      async taken(projectName, pool) {
        return projects.get(projectName)?.promoPools.get(pool)?.takenCount ?? 0;
      },
    },

    shares: {
      async create(share) {
        if (shares.has(share.id)) throw new Error(`shares.create: share id "${share.id}" already exists; expected a new id`);
        shares.set(share.id, jsonCopy(share));
      },
      async get(id) {
        const share = shares.get(id);
        return share && structuredClone(share);
      },
    },

    orders: {
      async add(projectName, orders) {
        checkBatchProject('orders.add', projectName, orders);
        const stored = project(projectName).orders;
        let added = 0;
        for (const order of orders) {
          if (stored.has(order.orderId)) continue;
          stored.set(order.orderId, jsonCopy(order));
          added++;
        }
        return { added, duplicates: orders.length - added };
      },
      async *scan(projectName) {
        for (const order of projects.get(projectName)?.orders.values() ?? []) yield structuredClone(order);
      },
    },

    webhooks: memoryWebhookOutboxes(),
    admin: memoryAdminStore(),

    async close() {},
  };
}
