import { type Db, unmapped } from "./db.js";
import { resolveAll, THREAD_MAX_MENTIONS, type ThreadMin } from "./entities-full.js";
import { buildIndex, MENTIONS_ENTITY_INDEX } from "./entities-stage.js";
import { ResolveThread } from "./entities-thread.js";
import { resolveTouched } from "./entities-touched.js";
import { Batches } from "./entities-walk.js";
import { dropSummaryColumns, sealSummaryColumns } from "./entity-summary-handoff.js";
import { pauseSummaryJournal } from "./entity-summary-journal.js";

/**
 * Resolution at the end of each ingest: mentions placed in entities by the rule
 * (entities-rule.ts), and the tables derived from them (entities-derived.ts) brought up to date.
 * Incremental by default: only the groups (mentionKeys) that new mentions (entity_id NULL) and
 * removed ones (entity_dirty, filled by a trigger) touch are resolved again, and only the entities
 * whose mentions moved are rebuilt — the same result as a full run, which happens on a first
 * ingest, after the migration that introduced groups, or when asked (`full`).
 *
 * An incremental run holds one group, then one entity, at a time (entities-touched.ts, keyset walks
 * in entities-walk.ts): a placement depends only on its group's mentions and the archive-wide
 * variant owners (entity_owners). A full run reads every mention once into compact columns,
 * about 50 bytes a mention (entities-scan.ts; 6.5 million mentions at 251,287 cables), and
 * resolves and writes from them (entities-full.ts).
 *
 * Writes are committed every WRITES_PER_TRANSACTION rows, so the WAL stays small; a reader may
 * see the tables half-way through a run. A run stopped part-way leaves the `resolving` mark in
 * entity_dirty, so the next run is a full one and rebuilds every derived row.
 */

export interface ResolveReport {
  /** `full` or `incremental`. */
  mode: "full" | "incremental";
  /** Mentions resolved (all of them in a full run, the touched groups' otherwise). */
  mentions: number;
  /** Entities written (all in a full run, the touched ones otherwise). */
  entities: number;
  /** Mentions whose placement changed. */
  changed: number;
  ms: number;
}

export interface ResolveOptions {
  /** Resolve every mention of the archive and rebuild every derived row. */
  full?: boolean;
  /** Writes per committed transaction (default WRITES_PER_TRANSACTION). */
  writesPerTransaction?: number;
  /**
   * A full run on an archive file reads half the mentions and writes the placements on a second
   * thread (entities-thread.ts) above the sizes given (default SPLIT_MIN_MENTIONS and
   * THREAD_MIN_WRITES) and up to THREAD_MAX_MENTIONS; `false`: everything on this thread.
   */
  thread?: false | ThreadMin;
}

/** At most `max` mentions (counted no further than that: a scan of an index, stopped early). */
function withinThreadMax(db: Db, max = THREAD_MAX_MENTIONS): boolean {
  const n = db
    .prepare<[number], number>("SELECT count(*) FROM (SELECT 1 FROM mentions LIMIT ?)")
    .pluck()
    .get(max + 1)!;
  return n <= max;
}

/** The mark a run leaves in entity_dirty until it ends (the migration's mark has no key). */
const RESOLVING = "resolving";

export function resolveEntities(db: Db, options: ResolveOptions = {}): ResolveReport {
  const started = performance.now();
  dropSummaryColumns(db);
  const batches = new Batches(db, options.writesPerTransaction);
  let thread: ResolveThread | null = null;
  try {
    // Placements written while a full summary build is pending need no journal.
    pauseSummaryJournal(db);
    const marks = db
      .prepare<[], string | null>("SELECT key FROM entity_dirty WHERE type = '*'")
      .pluck()
      .all();
    const stopped = marks.includes(RESOLVING);
    const fullRun =
      options.full === true ||
      marks.length > 0 ||
      db.prepare("SELECT 1 FROM entities LIMIT 1").get() === undefined;
    // A first ingest leaves mentions_entity out (startMentionLoad): a full run builds it when it
    // writes its placements, not twice; an incremental run reads through it, so builds it first.
    if (!fullRun) buildIndex(db, MENTIONS_ENTITY_INDEX);
    db.prepare("INSERT INTO entity_dirty (type, key) VALUES ('*', ?)").run(RESOLVING);
    // Started now, the thread loads while the scan runs.
    if (fullRun && options.thread !== false && withinThreadMax(db, options.thread?.maxMentions))
      thread = ResolveThread.for(db);
    const report = fullRun
      ? unmapped(db, () => resolveAll(db, batches, stopped, thread, options.thread || {}))
      : resolveTouched(db, batches);
    // A full run that moved too few placements to rebuild it (a rerun after a stopped load).
    if (fullRun) batches.outside(() => buildIndex(db, MENTIONS_ENTITY_INDEX));
    db.exec("DELETE FROM entity_dirty");
    batches.commit();
    sealSummaryColumns(db);
    return { ...report, ms: performance.now() - started };
  } catch (err) {
    dropSummaryColumns(db);
    batches.rollback();
    throw err;
  } finally {
    thread?.close();
  }
}
