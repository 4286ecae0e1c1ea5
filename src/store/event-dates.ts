/**
 * Upkeep of `event_dates` (migration 008): the dates each current cable's paragraphs report,
 * read by src/model/event-dates.ts. Every stored cable and every new current version adds a
 * `versions` row, so the cables whose current version is newer than the last build are exactly the
 * ones to (re)read; deleting a cable deletes its dates (ON DELETE CASCADE). Reading them at ingest
 * rather than per view is a measured choice (docs/analytics.md, "Dated events").
 */
import { type EventDate, eventDates } from "../model/event-dates.js";
import { type Db, perConnection } from "./db.js";

export interface StoredEventDate {
  cableId: number;
  start: string;
  end: string;
}

const stmts = perConnection((db: Db) => ({
  archiveVersion: db.prepare<[], number | null>("SELECT max(id) FROM versions").pluck(),
  builtVersion: db
    .prepare<[], number>("SELECT version FROM event_dates_state WHERE id = 1")
    .pluck(),
  changed: db.prepare<[number], { id: number; created: string | null }>(
    `SELECT c.id, c.created FROM versions v
       JOIN cables c ON c.reference_id = v.reference_id AND c.version_id = v.id
      WHERE v.id > ?`,
  ),
  // The same, a page at a time in version order, so a first build holds one page, not the archive.
  changedPage: db.prepare<
    [number, number, number],
    { version: number; id: number; created: string | null }
  >(
    `SELECT v.id AS version, c.id, c.created FROM versions v
       JOIN cables c ON c.reference_id = v.reference_id AND c.version_id = v.id
      WHERE v.id > ? AND v.id <= ? ORDER BY v.id LIMIT ?`,
  ),
  paragraphs: db.prepare<[number], { seq: number; text: string }>(
    "SELECT seq, text FROM paragraphs WHERE cable_id = ? ORDER BY seq",
  ),
  remove: db.prepare<[number]>("DELETE FROM event_dates WHERE cable_id = ?"),
  insert: db.prepare<[number, number, string, string, string, number]>(
    "INSERT INTO event_dates (cable_id, seq, start, end, text, year_given) VALUES (?, ?, ?, ?, ?, ?)",
  ),
  setVersion: db.prepare<[number]>(
    `INSERT INTO event_dates_state (id, version) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version`,
  ),
}));

function archiveVersion(db: Db): number {
  return stmts(db).archiveVersion.get() ?? 0;
}

function builtVersion(db: Db): number {
  return stmts(db).builtVersion.get() ?? 0;
}

/** The dates a stored cable's paragraphs report, read now (not from the table). */
export function readEventDates(
  db: Db,
  cableId: number,
  created: string | null,
): (EventDate & { seq: number })[] {
  return stmts(db)
    .paragraphs.all(cableId)
    .flatMap((p) => eventDates(p.text, created).map((e) => ({ ...e, seq: p.seq })));
}

/** Cables read per transaction when rebuilding (a parameter so tests can cross pages). */
const PAGE = 2_000;

/** What a build must read: the versions after `after` up to `version` (none when fresh). */
export interface EventDateRange {
  after: number;
  version: number;
}

/** One page of a build: each cable read with the rows to store, and the last version read. */
export interface EventDatePage {
  last: number;
  cables: { id: number; rows: [number, string, string, string, number][] }[];
}

/** The versions a build would read now, or null when the stored dates are fresh. */
export function staleEventDates(db: Db): EventDateRange | null {
  const version = archiveVersion(db);
  const after = builtVersion(db);
  return after === version ? null : { after, version };
}

/**
 * Reads the dates of the changed cables of `range`, a page of cables at a time in version order.
 * Reading only: any connection to the archive can do it (src/ingest/event-dates-ahead.ts runs it
 * on a thread of its own while the ingest's connection resolves entities).
 */
export function* readEventDatePages(
  db: Db,
  range: EventDateRange,
  page = PAGE,
): Generator<EventDatePage> {
  const s = stmts(db);
  // A page is read in one transaction: its cables and their paragraphs from one snapshot.
  const readPage = db.transaction((after: number): EventDatePage => {
    const cables: EventDatePage["cables"] = [];
    let last = after;
    for (const c of s.changedPage.all(after, range.version, page)) {
      const rows = readEventDates(db, c.id, c.created).map(
        (e): [number, string, string, string, number] => [
          e.seq,
          e.start,
          e.end,
          e.text,
          e.yearGiven ? 1 : 0,
        ],
      );
      cables.push({ id: c.id, rows });
      last = c.version;
    }
    return { last, cables };
  });
  for (let after = range.after; after < range.version; ) {
    const next = readPage(after);
    if (next.last === after) return;
    yield next;
    after = next.last;
  }
}

/** Stores one page (each cable's rows replace its old ones), in one transaction. */
export const writeEventDatePage = (db: Db, page: EventDatePage): void => {
  const s = stmts(db);
  db.transaction(() => {
    for (const c of page.cables) {
      s.remove.run(c.id);
      for (const r of c.rows) s.insert.run(c.id, ...r);
    }
  })();
};

/** Records the stored dates as built up to `range.version` (after every page is written). */
export function markEventDatesBuilt(db: Db, range: EventDateRange): void {
  stmts(db).setVersion.run(range.version);
}

/**
 * Reads the dates of every cable stored or given a new current version since the last build, a
 * page of cables per transaction (a first build reads every cable of the archive); returns how
 * many cables were read. The built version is stored last: a run stopped part-way leaves the
 * dates stale, and the next one reads those cables again (each read replaces the cable's rows).
 */
export function refreshEventDates(db: Db, page = PAGE): number {
  const range = staleEventDates(db);
  if (!range) return 0;
  let n = 0;
  for (const p of readEventDatePages(db, range, page)) {
    writeEventDatePage(db, p);
    n += p.cables.length;
  }
  markEventDatesBuilt(db, range);
  return n;
}

/** Whether the stored dates describe the archive as it is now. */
export function eventDatesFresh(db: Db): boolean {
  return builtVersion(db) === archiveVersion(db);
}

/**
 * Brings the stored dates up to date when the connection can write; a read-only connection (or
 * one another process is writing through) is told to read the stale cables' dates itself.
 * Returns the cables whose stored dates are stale (empty when fresh).
 */
export function ensureEventDates(db: Db): Set<number> {
  if (eventDatesFresh(db)) return new Set();
  if (!db.readonly) {
    try {
      refreshEventDates(db);
      return new Set();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== "SQLITE_BUSY" && code !== "SQLITE_READONLY") throw err;
    }
  }
  return new Set(
    stmts(db)
      .changed.all(builtVersion(db))
      .map((c) => c.id),
  );
}
