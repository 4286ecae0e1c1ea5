/**
 * Queries that are cable ids: an exact id opens that cable, an id prefix (`05ALMATY21`) suggests
 * the ids that start with it. Lookups use the unique index on `cables.reference_id`.
 */
import { canonicalId } from "../model/reference-id.js";
import { type Db, perConnection } from "../store/db.js";
import type { QueryNode } from "./ast.js";

export const MAX_SUGGESTIONS = 10;

/** Year, station letters and optional serial; at least two station letters so `05` is no prefix. */
const ID_PREFIX = /^(\d{2})([A-Za-z]{2,})(\d*)$/;

/** The id-like word a query consists of, or null: one bare word, no field, no phrase. */
export function idWord(node: QueryNode): string | null {
  if (node.kind !== "text" || node.column !== null || node.phrase) return null;
  return ID_PREFIX.test(node.text) ? node.text : null;
}

/** `05almaty0212` → `05ALMATY212`: the spelling ids are stored under. */
export function idPrefix(word: string): string {
  const m = ID_PREFIX.exec(word)!;
  const serial = m[3] ? String(Number(m[3])) : "";
  return `${m[1]}${m[2]!.toUpperCase()}${serial}`;
}

function statements(db: Db) {
  return {
    exact: db.prepare<[string], { id: number }>("SELECT id FROM cables WHERE reference_id = ?"),
    prefix: db.prepare<[string, string, number], { reference_id: string }>(
      `SELECT reference_id FROM cables WHERE reference_id >= ? AND reference_id < ?
        ORDER BY reference_id LIMIT ?`,
    ),
  };
}
const stmts = perConnection(statements);

/** Row id of the cable whose id the word is, or null. */
export function exactCable(
  db: Db,
  word: string,
  prefixSearch: boolean,
): { rowid: number; id: string } | null {
  if (prefixSearch) return null;
  const id = canonicalId(word);
  if (!id) return null;
  const row = stmts(db).exact.get(id);
  return row ? { rowid: row.id, id } : null;
}

/** Ids starting with the word's canonical spelling (the word itself excluded). */
export function suggestIds(db: Db, word: string, limit = MAX_SUGGESTIONS): string[] {
  const prefix = idPrefix(word);
  return stmts(db)
    .prefix.all(prefix, `${prefix}\uffff`, limit + 1)
    .map((r) => r.reference_id)
    .filter((id) => id !== prefix)
    .slice(0, limit);
}
