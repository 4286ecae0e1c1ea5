/**
 * Cables the archive cites but does not hold, with how many archive cables cite each and an
 * estimated creation date. Paged with keyset cursors: by id (streams straight off the refs_target
 * index, cheap at any depth) or by citing count (most cited first; aggregates all refs per page).
 */
import { splitId } from "../model/reference-id.js";
import { InvalidCursorError } from "../search/cursor.js";
import { type Db, perConnection } from "../store/db.js";
import { estimateCreated } from "./estimate.js";
import type { MissingCable, MissingPage } from "./types.js";

export type MissingOrder = "citations" | "id";

export interface MissingOptions {
  limit?: number;
  cursor?: string | null;
  order?: MissingOrder;
}

export const DEFAULT_MISSING_LIMIT = 50;

interface Row {
  id: string;
  n: number;
}

const ABSENT = "NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = r.target_id)";

function statements(db: Db) {
  return {
    byId: db.prepare<[string, number], Row>(
      `SELECT r.target_id AS id, count(DISTINCT r.cable_id) AS n FROM refs r
        WHERE r.target_id > ? AND ${ABSENT}
        GROUP BY r.target_id ORDER BY r.target_id LIMIT ?`,
    ),
    byCount: db.prepare<[number, number, string, number], Row>(
      `SELECT id, n FROM (
         SELECT r.target_id AS id, count(DISTINCT r.cable_id) AS n FROM refs r
          WHERE r.target_id IS NOT NULL AND ${ABSENT} GROUP BY r.target_id)
        WHERE n < ? OR (n = ? AND id > ?)
        ORDER BY n DESC, id ASC LIMIT ?`,
    ),
  };
}
const stmts = perConnection(statements);

function encode(order: MissingOrder, last: Row): string {
  return Buffer.from(JSON.stringify([order, last.n, last.id])).toString("base64url");
}

function decode(order: MissingOrder, cursor: string): Row {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(v) &&
      v[0] === order &&
      Number.isSafeInteger(v[1]) &&
      typeof v[2] === "string"
    ) {
      return { n: v[1] as number, id: v[2] as string };
    }
  } catch {
    // fall through: malformed
  }
  throw new InvalidCursorError("invalid cursor");
}

/** One page of missing cables. */
export function missingCables(db: Db, opts: MissingOptions = {}): MissingPage {
  const order = opts.order ?? "citations";
  const limit = Math.max(1, Math.floor(opts.limit ?? DEFAULT_MISSING_LIMIT));
  const after = opts.cursor ? decode(order, opts.cursor) : null;
  const s = stmts(db);
  const rows =
    order === "id"
      ? s.byId.all(after?.id ?? "", limit + 1)
      : s.byCount.all(
          after?.n ?? Number.MAX_SAFE_INTEGER,
          after?.n ?? Number.MAX_SAFE_INTEGER,
          after?.id ?? "",
          limit + 1,
        );
  const page = rows.slice(0, limit);
  const items: MissingCable[] = page.map((r) => ({
    referenceId: r.id,
    station: splitId(r.id)?.station ?? null,
    citedBy: r.n,
    estimatedCreated: estimateCreated(db, r.id),
  }));
  const last = page[page.length - 1];
  return { items, next: rows.length > limit && last ? encode(order, last) : null };
}
