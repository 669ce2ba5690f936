import { readdir, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { PromoPool } from '../promo-pool.ts';
import { isProjectName } from '../record-checks.ts';
import type { OrderRecord, PlayRecord, ShareRecord, TrackedEvent } from '../types.ts';
import { fsyncFile, isNotFound } from './durable-fs.ts';
import { GroupCommitLog, isSegmentWriterLive } from './group-commit-log.ts';
import { projectDir, projectsRoot } from './paths.ts';
import { listSegments, readCompleteLines, writerId, type Segment } from './segments.ts';

/**
 * One line of a project's log. `kind` is always the first key, so a scan for one kind can skip
 * the other lines by prefix without parsing them.
 */
export type LogEntry =
  | { kind: 'play'; play: PlayRecord }
  | { kind: 'event'; event: TrackedEvent }
  | { kind: 'promo'; pool: string; player: string; code: string }
  | { kind: 'share'; share: ShareRecord }
  | { kind: 'order'; order: OrderRecord };

type EntryOf<Kind extends LogEntry['kind']> = Extract<LogEntry, { kind: Kind }>;

/** What replaying a project's log leaves in memory. Events stay on disk only. */
export interface ProjectProjection {
  plays: Map<string, PlayRecord>;
  promoPools: Map<string, PromoPool>;
  orderIds: Set<string>;
}

interface ProjectLog {
  projection: ProjectProjection;
  writer?: Promise<GroupCommitLog>;
  /** How far each other writer's segment has been applied, for `catchUp`. */
  applied: Map<string, { offset: number; lines: number }>;
}

/**
 * The append-only JSONL logs of every project plus the projections rebuilt from them: the
 * latest play per player, promo codes per pool, share records by id, known order ids.
 */
export class Journal {
  readonly #dataDir: string;
  readonly #segmentBytes: number;
  readonly #projects = new Map<string, ProjectLog>();
  readonly shares = new Map<string, ShareRecord>();

  private constructor(dataDir: string, segmentBytes: number) {
    this.#dataDir = dataDir;
    this.#segmentBytes = segmentBytes;
  }

  static async open(dataDir: string, segmentBytes: number): Promise<Journal> {
    const journal = new Journal(dataDir, segmentBytes);
    for (const project of await listProjects(dataDir)) {
      await journal.#replay(project);
    }
    return journal;
  }

  projection(project: string): ProjectProjection {
    return this.#project(project).projection;
  }

  /** Writes the entries as one group-committed append; applies them to the projections once durable. */
  async append(project: string, entries: LogEntry[]): Promise<void> {
    const log = this.#project(project);
    log.writer ??= GroupCommitLog.open(this.#logDir(project), this.#segmentBytes).catch((error: unknown) => {
      log.writer = undefined;
      throw error;
    });
    const writer = await log.writer;
    await writer.append(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    for (const entry of entries) this.#apply(log.projection, entry);
  }

  /** Applies what other processes (e.g. a CLI import) appended since this one last looked. */
  async catchUp(project: string): Promise<void> {
    const log = this.#project(project);
    const own = log.writer && writerId((await log.writer).identity);
    for (const segment of await listSegments(this.#logDir(project))) {
      if (writerId(segment) !== own) await this.#applySegment(project, log, segment);
    }
  }

  /** Every entry of one kind in a project's log, read from disk, in replay order. */
  async *scan<Kind extends LogEntry['kind']>(project: string, kind: Kind): AsyncGenerator<EntryOf<Kind>> {
    const logDir = this.#logDir(project);
    const prefix = `{"kind":"${kind}"`;
    for (const segment of await listSegments(logDir)) {
      for await (const { lines } of readCompleteLines(join(logDir, segment.file))) {
        for (const line of lines) {
          if (!line.startsWith(prefix)) continue;
          const entry = parseEntry(line);
          if (entry) yield entry as EntryOf<Kind>;
        }
      }
    }
  }

  async close(): Promise<void> {
    for (const log of this.#projects.values()) {
      if (log.writer) await (await log.writer).close();
    }
  }

  #project(project: string): ProjectLog {
    let log = this.#projects.get(project);
    if (!log) {
      projectDir(this.#dataDir, project);
      log = {
        projection: { plays: new Map(), promoPools: new Map(), orderIds: new Set() },
        applied: new Map(),
      };
      this.#projects.set(project, log);
    }
    return log;
  }

  #logDir(project: string): string {
    return join(projectDir(this.#dataDir, project), 'log');
  }

  async #replay(project: string): Promise<void> {
    const log = this.#project(project);
    for (const segment of await listSegments(this.#logDir(project))) {
      await this.#applySegment(project, log, segment);
      if (!isSegmentWriterLive(segment)) await this.#cutTornTail(project, segment, log);
    }
  }

  async #applySegment(project: string, log: ProjectLog, segment: Segment): Promise<void> {
    const path = join(this.#logDir(project), segment.file);
    const position = log.applied.get(segment.file) ?? { offset: 0, lines: 0 };
    const unreadable: number[] = [];
    for await (const { lines, end } of readCompleteLines(path, position.offset)) {
      for (const line of lines) {
        position.lines += 1;
        if (line.startsWith(EVENT_PREFIX)) continue;
        const entry = parseEntry(line);
        if (entry) this.#apply(log.projection, entry);
        else unreadable.push(position.lines);
      }
      position.offset = end;
    }
    log.applied.set(segment.file, position);
    if (unreadable.length > 0) {
      console.warn(
        `${path}: skipped ${unreadable.length} unreadable line(s), first at line ${unreadable[0]}; expected one JSON entry per line`,
      );
    }
  }

  /** A crash mid-write leaves a partial last line; cut it so the file ends on a whole entry. */
  async #cutTornTail(project: string, segment: Segment, log: ProjectLog): Promise<void> {
    const path = join(this.#logDir(project), segment.file);
    const complete = log.applied.get(segment.file)?.offset ?? 0;
    if ((await stat(path)).size <= complete) return;
    await truncate(path, complete);
    await fsyncFile(path);
  }

  #apply(projection: ProjectProjection, entry: LogEntry): void {
    switch (entry.kind) {
      case 'play':
        projection.plays.set(entry.play.player, entry.play);
        break;
      case 'promo':
        promoPool(projection, entry.pool).assign(entry.player, entry.code);
        break;
      case 'share':
        this.shares.set(entry.share.id, entry.share);
        break;
      case 'order':
        projection.orderIds.add(entry.order.orderId);
        break;
      case 'event':
        break;
    }
  }
}

export function promoPool(projection: ProjectProjection, pool: string): PromoPool {
  let promo = projection.promoPools.get(pool);
  if (!promo) {
    promo = new PromoPool();
    projection.promoPools.set(pool, promo);
  }
  return promo;
}

/** Events are most of the log and need no projection, so replay skips them unparsed. */
const EVENT_PREFIX = '{"kind":"event"';

function parseEntry(line: string): LogEntry | undefined {
  try {
    const entry = JSON.parse(line) as LogEntry | null;
    return typeof entry === 'object' && entry !== null && typeof entry.kind === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function listProjects(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(projectsRoot(dataDir))).filter(isProjectName);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}
