/**
 * GEXF of a result set on PostgreSQL: the rows the writer of src/export/gexf-write.ts needs, so
 * the document is the one src/export/gexf.ts writes on SQLite, node for node and edge for edge —
 * the result cables in sort order, then the cables they cite that are not among them (present or
 * estimated, by id in binary order), then their REF edges. The result's reference ids are held in
 * memory (about 20 MB at 251,287 cables) and sent as array parameters, not kept in a temporary
 * table as on SQLite: a read-only role, `default_transaction_read_only` and a hot standby replica
 * all refuse CREATE TEMP TABLE, and public servers run on those.
 */
import type { PgArchive } from "../store/postgres/connect.js";
import { estimateCreated } from "../store/postgres/date-estimates.js";
import * as gexf from "./gexf-write.js";

/** `pages` yields the result's reference ids a page at a time, in sort order. */
export async function* gexfPostgres(
  pg: PgArchive,
  pages: AsyncIterable<string[]>,
  opts: { size: number; query: string },
): AsyncGenerator<string> {
  const sql = pg.sql;
  yield gexf.referenceGraphHeader(opts.query);
  const all: string[] = [];
  for await (const ids of pages) {
    for (const id of ids) all.push(id);
    yield gexf.resultNodes(
      await sql<gexf.NodeRow[]>`
        SELECT c.reference_id, c.station, c.subject, c.created
          FROM unnest(${ids}::text[]) WITH ORDINALITY AS s(ref, i)
          JOIN cables c ON c.reference_id = s.ref
         ORDER BY s.i`,
    );
  }
  let after = "";
  for (;;) {
    const rows = await sql<gexf.CitedRow[]>`
      SELECT t.id, c.reference_id, c.station, c.subject, c.created
        FROM (SELECT DISTINCT r.target_id AS id FROM unnest(${all}::text[]) AS s(ref)
                JOIN cables me ON me.reference_id = s.ref JOIN refs r ON r.cable_id = me.id
               WHERE r.target_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM unnest(${all}::text[]) AS x(ref)
                                  WHERE x.ref = r.target_id)) t
        LEFT JOIN cables c ON c.reference_id = t.id
       WHERE t.id COLLATE "C" > ${after} ORDER BY t.id COLLATE "C" LIMIT ${opts.size}`;
    if (rows.length === 0) break;
    const estimates = new Map<string, string | null>();
    for (const id of gexf.absentIds(rows)) estimates.set(id, await estimateCreated(sql, id));
    yield gexf.citedNodes(rows, estimates);
    after = rows[rows.length - 1]!.id;
  }

  yield gexf.GEXF_BETWEEN;
  const edges = new gexf.EdgeWriter();
  for (let lo = 0; lo < all.length; lo += opts.size) {
    const page = all.slice(lo, lo + opts.size);
    yield edges.page(
      await sql<gexf.EdgeRow[]>`
        SELECT c.reference_id AS source, r.target_id AS target, r.label
          FROM unnest(${page}::text[]) WITH ORDINALITY AS s(ref, i)
          JOIN cables c ON c.reference_id = s.ref JOIN refs r ON r.cable_id = c.id
         WHERE r.target_id IS NOT NULL AND r.target_id <> c.reference_id
         ORDER BY s.i, r.seq`,
    );
  }
  yield gexf.GEXF_FOOTER;
}
