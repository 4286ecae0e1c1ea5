/**
 * Exports from an archive on PostgreSQL: CSV and JSONL, streamed a page at a time through the
 * keyset pages of the search (src/search/postgres/search.ts); GEXF through the same pages
 * (src/export/postgres-gexf.ts).
 */
import type { Cable } from "../model/cable.js";
import { parseQuery } from "../search/parser.js";
import { searchParsedPostgres } from "../search/postgres/search.js";
import type { SortOrder } from "../search/types.js";
import type { PgArchive, Sql } from "../store/postgres/connect.js";
import {
  isPublicModePg,
  protectedIndexPg,
  withoutWithheld,
} from "../store/postgres/entities-public.js";
import { cablesByRowid } from "../store/postgres/read.js";
import { CSV_COLUMNS, cableCsvRow, csvRow, type ExportFormat } from "./index.js";
import { gexfPostgres } from "./postgres-gexf.js";

async function cablesByReference(sql: Sql, ids: string[]): Promise<Cable[]> {
  const rows = await sql<{ id: number }[]>`
    SELECT c.id FROM unnest(${ids}::text[]) WITH ORDINALITY AS t(ref, i)
      JOIN cables c ON c.reference_id = t.ref ORDER BY t.i`;
  return cablesByRowid(
    sql,
    rows.map((r) => r.id),
  );
}

/** The export as chunks of text; the query is parsed (and refused) before the first chunk. */
export function exportQueryPostgres(
  pg: PgArchive,
  query: string,
  format: ExportFormat,
  opts: { sort?: SortOrder; batchSize?: number } = {},
): AsyncGenerator<string> {
  const node = parseQuery(query);
  const size = opts.batchSize ?? 500;
  /** The result's reference ids, a page at a time in sort order. */
  const pages = async function* () {
    let cursor: string | null = null;
    do {
      const page = await searchParsedPostgres(pg.sql, node, {
        sort: opts.sort ?? "created",
        limit: size,
        cursor,
        snippets: false,
      });
      yield page.hits.map((h) => h.referenceId);
      cursor = page.next;
    } while (cursor);
  };
  if (format === "gexf") return gexfPostgres(pg, pages(), { size, query });
  return (async function* () {
    if (format === "csv") yield csvRow([...CSV_COLUMNS]);
    for await (const ids of pages()) {
      const cables = await cablesByReference(pg.sql, ids);
      // Public mode: the persons a cable protects are not in its record (as publicView on SQLite).
      const index = isPublicModePg(pg.sql) ? await protectedIndexPg(pg.sql) : null;
      const shown = index ? cables.map((c) => withoutWithheld(index, c)) : cables;
      yield shown
        .map((c) => (format === "csv" ? cableCsvRow(c) : `${JSON.stringify(c)}\n`))
        .join("");
    }
  })();
}
