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

/**
 * Reads the dates of every cable stored or given a new current version since the last build, a
 * page of cables per transaction (a first build reads every cable of the archive); returns how
 * many cables were read. The built version is stored last: a run stopped part-way leaves the
 * dates stale, and the next one reads those cables again (each read replaces the cable's rows).
 */
export function refreshEventDates(db: Db, page = PAGE): number {
  const s = stmts(db);
  const version = archiveVersion(db);
  let after = builtVersion(db);
  if (after === version) return 0;
  let n = 0;
  const readPage = db.transaction((from: number): number => {
    let last = from;
    for (const c of s.changedPage.all(from, version, page)) {
      s.remove.run(c.id);
      for (const e of readEventDates(db, c.id, c.created)) {
        s.insert.run(c.id, e.seq, e.start, e.end, e.text, e.yearGiven ? 1 : 0);
      }
      n++;
      last = c.version;
    }
    return last;
  });
  for (let next = readPage(after); next !== after; next = readPage(after)) after = next;
  s.setVersion.run(version);
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
