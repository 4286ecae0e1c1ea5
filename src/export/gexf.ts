/**
 * GEXF 1.3 (for Gephi) of the reference graph of a result set on SQLite: the rows the writer of
 * src/export/gexf-write.ts needs, streamed in its three passes (result nodes, cited nodes, edges);
 * only ids ever sit in temp tables, never in memory.
 */

import { estimateCreated } from "../graph/estimate.js";
import type { ResultSet } from "../search/result-set.js";
import type { Db } from "../store/db.js";
import {
  absentIds,
  type CitedRow,
  citedNodes,
  type EdgeRow,
  EdgeWriter,
  GEXF_BETWEEN,
  GEXF_FOOTER,
  type NodeRow,
  referenceGraphHeader,
  resultNodes,
} from "./gexf-write.js";

/** The GEXF document of a result set, in chunks. */
export function* gexfChunks(
  db: Db,
  set: ResultSet,
  opts: { size: number; query: string },
): Generator<string> {
  const cited = `${set.table}_cited`;
  const nodesOf = db.prepare<[string], NodeRow>(
    `SELECT c.reference_id, c.station, c.subject, c.created
       FROM json_each(?) j JOIN cables c ON c.id = j.value ORDER BY j.key`,
  );
  const edgesOf = db.prepare<[string], EdgeRow>(
    `SELECT c.reference_id AS source, r.target_id AS target, r.label AS label
       FROM json_each(?) j JOIN cables c ON c.id = j.value JOIN refs r ON r.cable_id = c.id
      WHERE r.target_id IS NOT NULL AND r.target_id <> c.reference_id ORDER BY j.key, r.seq`,
  );
  yield referenceGraphHeader(opts.query);

  for (const ids of set.batches(opts.size)) yield resultNodes(nodesOf.all(JSON.stringify(ids)));

  db.exec(`CREATE TEMP TABLE ${cited} (id TEXT PRIMARY KEY) WITHOUT ROWID`);
  try {
    db.prepare(
      `INSERT OR IGNORE INTO temp.${cited} (id)
       SELECT r.target_id FROM temp.${set.table} h CROSS JOIN refs r ON r.cable_id = h.id
        WHERE r.target_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = r.target_id
                            AND c.id IN (SELECT id FROM temp.${set.table}))`,
    ).run();
    const page = db.prepare<[string, number], CitedRow>(
      `SELECT t.id, c.reference_id, c.station, c.subject, c.created
         FROM temp.${cited} t LEFT JOIN cables c ON c.reference_id = t.id
        WHERE t.id > ? ORDER BY t.id LIMIT ?`,
    );
    let after = "";
    for (;;) {
      const rows = page.all(after, opts.size);
      if (rows.length === 0) break;
      const estimates = new Map(absentIds(rows).map((id) => [id, estimateCreated(db, id)]));
      yield citedNodes(rows, estimates);
      after = rows[rows.length - 1]!.id;
    }
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${cited}`);
  }

  yield GEXF_BETWEEN;
  const edges = new EdgeWriter();
  for (const ids of set.batches(opts.size)) yield edges.page(edgesOf.iterate(JSON.stringify(ids)));
  yield GEXF_FOOTER;
}
