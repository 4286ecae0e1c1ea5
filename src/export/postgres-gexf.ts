/**
 * GEXF of a result set on PostgreSQL: the document src/export/gexf.ts writes on SQLite, node for
 * node and edge for edge — the result cables in sort order, then the cables they cite that are
 * not among them (present or estimated, by id in binary order), then their REF edges. The result's
 * reference ids are held in memory (about 20 MB at 251,287 cables) and sent as array parameters,
 * not kept in a temporary table as on SQLite: a read-only role, `default_transaction_read_only`
 * and a hot standby replica all refuse CREATE TEMP TABLE, and public servers run on those.
 */
import { splitId } from "../model/reference-id.js";
import type { PgArchive } from "../store/postgres/connect.js";
import { estimateCreated } from "../store/postgres/date-estimates.js";
import { GEXF_BETWEEN, GEXF_FOOTER, gexfEdge, gexfHeader, gexfNode } from "./gexf.js";

interface NodeRow {
  reference_id: string;
  station: string | null;
  subject: string | null;
  created: string | null;
}

function label(id: string, subject: string | null): string {
  return subject ? `${id}: ${subject}` : id;
}

/** `pages` yields the result's reference ids a page at a time, in sort order. */
export async function* gexfPostgres(
  pg: PgArchive,
  pages: AsyncIterable<string[]>,
  opts: { size: number; query: string },
): AsyncGenerator<string> {
  const sql = pg.sql;
  yield gexfHeader(`Reference graph of the cables matching: ${opts.query}`);
  const all: string[] = [];
  for await (const ids of pages) {
    for (const id of ids) all.push(id);
    const rows = await sql<NodeRow[]>`
      SELECT c.reference_id, c.station, c.subject, c.created
        FROM unnest(${ids}::text[]) WITH ORDINALITY AS s(ref, i)
        JOIN cables c ON c.reference_id = s.ref
       ORDER BY s.i`;
    yield rows
      .map((r) =>
        gexfNode({
          id: r.reference_id,
          label: label(r.reference_id, r.subject),
          station: r.station,
          created: r.created,
          present: true,
          estimated: false,
        }),
      )
      .join("");
  }
  let after = "";
  for (;;) {
    const rows = await sql<(NodeRow & { id: string })[]>`
      SELECT t.id, c.reference_id, c.station, c.subject, c.created
        FROM (SELECT DISTINCT r.target_id AS id FROM unnest(${all}::text[]) AS s(ref)
                JOIN cables me ON me.reference_id = s.ref JOIN refs r ON r.cable_id = me.id
               WHERE r.target_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM unnest(${all}::text[]) AS x(ref)
                                  WHERE x.ref = r.target_id)) t
        LEFT JOIN cables c ON c.reference_id = t.id
       WHERE t.id COLLATE "C" > ${after} ORDER BY t.id COLLATE "C" LIMIT ${opts.size}`;
    if (rows.length === 0) break;
    const out: string[] = [];
    for (const r of rows) {
      if (r.reference_id) {
        out.push(
          gexfNode({
            id: r.id,
            label: label(r.id, r.subject),
            station: r.station,
            created: r.created,
            present: true,
            estimated: false,
          }),
        );
        continue;
      }
      const estimate = await estimateCreated(pg.sql, r.id);
      out.push(
        gexfNode({
          id: r.id,
          label: r.id,
          station: splitId(r.id)?.station ?? null,
          created: estimate,
          present: false,
          estimated: estimate !== null,
        }),
      );
    }
    yield out.join("");
    after = rows[rows.length - 1]!.id;
  }

  yield GEXF_BETWEEN;
  let edgeId = 0;
  for (let lo = 0; lo < all.length; lo += opts.size) {
    const page = all.slice(lo, lo + opts.size);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const e of await sql<{ source: string; target: string; label: string | null }[]>`
      SELECT c.reference_id AS source, r.target_id AS target, r.label
        FROM unnest(${page}::text[]) WITH ORDINALITY AS s(ref, i)
        JOIN cables c ON c.reference_id = s.ref JOIN refs r ON r.cable_id = c.id
       WHERE r.target_id IS NOT NULL AND r.target_id <> c.reference_id
       ORDER BY s.i, r.seq`) {
      const key = `${e.source}\u0000${e.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(gexfEdge(edgeId++, e.source, e.target, e.label));
    }
    yield out.join("");
  }
  yield GEXF_FOOTER;
}
