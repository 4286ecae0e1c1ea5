/**
 * GEXF 1.3 (for Gephi) of the reference graph of a result set: nodes are the result cables plus the
 * cables they cite (present in the archive or not), edges are their REF items that name a cable.
 * Streamed in three passes over the result set (result nodes, cited nodes, edges) because GEXF
 * lists every node before any edge; only ids ever sit in temp tables, never in memory.
 */

import { estimateCreated } from "../graph/estimate.js";
import { splitId } from "../model/reference-id.js";
import type { ResultSet } from "../search/result-set.js";
import type { Db } from "../store/db.js";

// XML 1.0 forbids most control characters and the non-characters U+FFFE/U+FFFF, and lone
// surrogates cannot be encoded: drop them rather than write a file Gephi refuses.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

export interface GexfNode {
  id: string;
  label: string;
  station: string | null;
  created: string | null;
  present: boolean;
  estimated: boolean;
}

const ATTRIBUTES = [
  ["station", "string"],
  ["created", "string"],
  ["present", "boolean"],
  ["estimated", "boolean"],
] as const;

export function gexfHeader(description: string, date = new Date()): string {
  const attrs = ATTRIBUTES.map(
    ([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>\n`,
  ).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
    `  <meta lastmodifieddate="${date.toISOString().slice(0, 10)}">\n` +
    "    <creator>Cablegram</creator>\n" +
    `    <description>${xmlEscape(description)}</description>\n` +
    "  </meta>\n" +
    '  <graph defaultedgetype="directed" mode="static">\n' +
    '    <attributes class="node" mode="static">\n' +
    attrs +
    "    </attributes>\n" +
    "    <nodes>\n"
  );
}

export function gexfNode(n: GexfNode): string {
  const values = [
    ["station", n.station ?? ""],
    ["created", n.created ?? ""],
    ["present", String(n.present)],
    ["estimated", String(n.estimated)],
  ]
    .map(([k, v]) => `<attvalue for="${k}" value="${xmlEscape(v!)}"/>`)
    .join("");
  return `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}"><attvalues>${values}</attvalues></node>\n`;
}

export function gexfEdge(id: number, source: string, target: string, label: string | null): string {
  const l = label ? ` label="${xmlEscape(label)}"` : "";
  return `      <edge id="${id}" source="${xmlEscape(source)}" target="${xmlEscape(target)}"${l}/>\n`;
}

export const GEXF_BETWEEN = "    </nodes>\n    <edges>\n";
export const GEXF_FOOTER = "    </edges>\n  </graph>\n</gexf>\n";

interface NodeRow {
  reference_id: string;
  station: string | null;
  subject: string | null;
  created: string | null;
}

function label(id: string, subject: string | null): string {
  return subject ? `${id}: ${subject}` : id;
}

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
  const edgesOf = db.prepare<[string], { source: string; target: string; label: string | null }>(
    `SELECT c.reference_id AS source, r.target_id AS target, r.label AS label
       FROM json_each(?) j JOIN cables c ON c.id = j.value JOIN refs r ON r.cable_id = c.id
      WHERE r.target_id IS NOT NULL AND r.target_id <> c.reference_id ORDER BY j.key, r.seq`,
  );
  yield gexfHeader(`Reference graph of the cables matching: ${opts.query}`);

  for (const ids of set.batches(opts.size)) {
    yield nodesOf
      .all(JSON.stringify(ids))
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

  db.exec(`CREATE TEMP TABLE ${cited} (id TEXT PRIMARY KEY) WITHOUT ROWID`);
  try {
    db.prepare(
      `INSERT OR IGNORE INTO temp.${cited} (id)
       SELECT r.target_id FROM temp.${set.table} h CROSS JOIN refs r ON r.cable_id = h.id
        WHERE r.target_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = r.target_id
                            AND c.id IN (SELECT id FROM temp.${set.table}))`,
    ).run();
    const page = db.prepare<[string, number], NodeRow & { id: string }>(
      `SELECT t.id, c.reference_id, c.station, c.subject, c.created
         FROM temp.${cited} t LEFT JOIN cables c ON c.reference_id = t.id
        WHERE t.id > ? ORDER BY t.id LIMIT ?`,
    );
    let after = "";
    for (;;) {
      const rows = page.all(after, opts.size);
      if (rows.length === 0) break;
      yield rows
        .map((r) => {
          if (r.reference_id) {
            return gexfNode({
              id: r.id,
              label: label(r.id, r.subject),
              station: r.station,
              created: r.created,
              present: true,
              estimated: false,
            });
          }
          const estimate = estimateCreated(db, r.id);
          return gexfNode({
            id: r.id,
            label: r.id,
            station: splitId(r.id)?.station ?? null,
            created: estimate,
            present: false,
            estimated: estimate !== null,
          });
        })
        .join("");
      after = rows[rows.length - 1]!.id;
    }
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${cited}`);
  }

  yield GEXF_BETWEEN;
  let edgeId = 0;
  for (const ids of set.batches(opts.size)) {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const e of edgesOf.all(JSON.stringify(ids))) {
      const key = `${e.source}\u0000${e.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(gexfEdge(edgeId++, e.source, e.target, e.label));
    }
    yield out.join("");
  }
  yield GEXF_FOOTER;
}
