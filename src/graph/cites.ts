/**
 * The edges around one cable: what it cites (its REF items that name a cable, marked present or
 * missing, missing ones dated by estimate) and what cites it.
 */
import { type Db, perConnection } from "../store/db.js";
import { estimateCreated } from "./estimate.js";
import type { CiteEdge } from "./types.js";

interface EdgeRow {
  label: string | null;
  target: string;
  present: number;
  subject: string | null;
  created: string | null;
}

function statements(db: Db) {
  return {
    cites: db.prepare<[string], EdgeRow>(
      `SELECT r.label AS label, r.target_id AS target, (c.id IS NOT NULL) AS present,
              c.subject AS subject, c.created AS created
         FROM cables me
         JOIN refs r ON r.cable_id = me.id
         LEFT JOIN cables c ON c.reference_id = r.target_id
        WHERE me.reference_id = ? AND r.target_id IS NOT NULL
        ORDER BY r.seq`,
    ),
    citedBy: db.prepare<[string], EdgeRow>(
      `SELECT r.label AS label, c.reference_id AS target, 1 AS present,
              c.subject AS subject, c.created AS created
         FROM refs r JOIN cables c ON c.id = r.cable_id
        WHERE r.target_id = ?
        ORDER BY c.created, c.reference_id, r.seq`,
    ),
  };
}
const stmts = perConnection(statements);

function edges(db: Db, rows: EdgeRow[]): CiteEdge[] {
  // One edge per cable: a REF block may name the same cable twice (`A. STATE 1234`, `C. STATE 1234`).
  const seen = new Set<string>();
  const out: CiteEdge[] = [];
  for (const r of rows) {
    if (seen.has(r.target)) continue;
    seen.add(r.target);
    const present = r.present === 1;
    out.push({
      label: r.label,
      referenceId: r.target,
      present,
      subject: r.subject,
      created: r.created,
      estimatedCreated: present ? null : estimateCreated(db, r.target),
    });
  }
  return out;
}

/** Cables cited by `referenceId`, in REF order ([] when the cable is not in the archive). */
export function cites(db: Db, referenceId: string): CiteEdge[] {
  return edges(db, stmts(db).cites.all(referenceId));
}

/** Archive cables citing `referenceId` (present or not), oldest first; `label` is their REF letter. */
export function citedBy(db: Db, referenceId: string): CiteEdge[] {
  return edges(db, stmts(db).citedBy.all(referenceId));
}
