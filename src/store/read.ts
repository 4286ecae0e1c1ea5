import type { Cable, Provenance } from "../model/cable.js";
import { type CableColumns, restoreCable } from "./cable-json.js";
import type { Db } from "./db.js";
import { publicView } from "./entities-public.js";

/** Whole cables out of the archive: the stored parts put back into the exact Cable JSON. */

interface CableRow extends CableColumns {
  id: number;
  cable_json: string;
}

const COLUMNS = "id, body, subject, summary, comment, cable_json";

function statements(db: Db) {
  return {
    db,
    byReference: db.prepare<[string], CableRow>(
      `SELECT ${COLUMNS} FROM cables WHERE reference_id = ?`,
    ),
    byRowid: db.prepare<[number], CableRow>(`SELECT ${COLUMNS} FROM cables WHERE id = ?`),
    texts: db
      .prepare<[number], string>("SELECT text FROM paragraphs WHERE cable_id = ? ORDER BY seq")
      .pluck(),
    versions: db.prepare<[string], VersionRow>(
      `SELECT v.id, v.text_hash, v.content_hash, v.released, v.source_id, v.source_format, v.source_file,
              v.source_offset, v.source_line, v.ingested_at, v.cable_json, c.id AS cable_rowid
         FROM versions v
         LEFT JOIN cables c ON c.reference_id = v.reference_id AND c.version_id = v.id
        WHERE v.reference_id = ? ORDER BY v.id`,
    ),
  };
}
type Statements = ReturnType<typeof statements>;

/** A row of `versions`, with the rowid of the cable row it is the current version of (else null). */
export interface VersionRow {
  id: number;
  text_hash: string;
  content_hash: string;
  released: string | null;
  source_id: string | null;
  source_format: string;
  source_file: string;
  source_offset: number;
  source_line: number;
  ingested_at: string;
  cable_json: string | null;
  cable_rowid: number | null;
}

const cache = new WeakMap<Db, Statements>();
function stmts(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  return s;
}

function restore(s: Statements, row: CableRow): Cable {
  return publicView(s.db, restoreCable(row.cable_json, row, s.texts.all(row.id)));
}

/** The current version of a cable, or null when the id is not in the archive. */
export function getCable(db: Db, referenceId: string): Cable | null {
  const s = stmts(db);
  const row = s.byReference.get(referenceId);
  return row ? restore(s, row) : null;
}

/** The current version of the cable stored under a `cables.id` rowid, or null. */
export function getCableByRowid(db: Db, rowid: number): Cable | null {
  const s = stmts(db);
  const row = s.byRowid.get(rowid);
  return row ? restore(s, row) : null;
}

/** Cables by `cables.id` rowid, in the order given, skipping rowids that are not stored. */
export function* readCables(db: Db, rowids: Iterable<number>): Generator<Cable> {
  const s = stmts(db);
  for (const rowid of rowids) {
    const row = s.byRowid.get(rowid);
    if (row) yield restore(s, row);
  }
}

export interface StoredVersion {
  versionId: number;
  current: boolean;
  released: string | null;
  /** The id as the source wrote it, when it wrote one. */
  sourceId: string | null;
  source: Provenance;
  ingestedAt: string;
  textHash: string;
  contentHash: string;
  cable: Cable;
}

/** Every distinct text stored for an id, oldest ingest first; empty when the id is unknown. */
export function getVersions(db: Db, referenceId: string): StoredVersion[] {
  const s = stmts(db);
  return s.versions.all(referenceId).map((v) => {
    const current = v.cable_rowid !== null;
    const cable = current ? getCableByRowid(db, v.cable_rowid!)! : publicView(db, storedJson(v));
    return storedVersion(v, cable);
  });
}

/** The StoredVersion of a version row and its cable (in SQLite and PostgreSQL archives alike). */
export function storedVersion(v: VersionRow, cable: Cable): StoredVersion {
  return {
    versionId: v.id,
    current: v.cable_rowid !== null,
    released: v.released,
    sourceId: v.source_id,
    source: {
      format: v.source_format as Provenance["format"],
      file: v.source_file,
      // PostgreSQL hands a bigint over as a string.
      offset: Number(v.source_offset),
      line: v.source_line,
    },
    ingestedAt: v.ingested_at,
    textHash: v.text_hash,
    contentHash: v.content_hash,
    cable,
  };
}

/** The stored JSON of a version that is no longer current. */
export function storedJson(v: VersionRow): Cable {
  // The writer stores the JSON of every version the moment it stops being current.
  if (v.cable_json === null)
    throw new Error(`archive damaged: version ${v.id} has no stored cable`);
  return JSON.parse(v.cable_json) as Cable;
}
