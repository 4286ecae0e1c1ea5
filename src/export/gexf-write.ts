/**
 * The GEXF 1.3 text of a reference graph, written from rows: the one writer behind both back ends
 * (src/export/gexf.ts on SQLite, src/export/postgres-gexf.ts on PostgreSQL), which only fetch the
 * rows, so the two documents agree node for node and edge for edge. Nodes are the result cables
 * plus the cables they cite (present in the archive or not), edges their REF items naming a cable;
 * GEXF lists every node before any edge, hence three passes.
 */

import { splitId } from "../model/reference-id.js";

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

/** The header of the reference graph of a query's result set. */
export function referenceGraphHeader(query: string): string {
  return gexfHeader(`Reference graph of the cables matching: ${query}`);
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

/** A cable as both back ends read it for its node. */
export interface NodeRow {
  reference_id: string;
  station: string | null;
  subject: string | null;
  created: string | null;
}

/** A cited cable: `id` as cited; the other columns null when the archive lacks it. */
export interface CitedRow {
  id: string;
  reference_id: string | null;
  station: string | null;
  subject: string | null;
  created: string | null;
}

export interface EdgeRow {
  source: string;
  target: string;
  label: string | null;
}

function presentNode(
  id: string,
  r: { station: string | null; subject: string | null; created: string | null },
): string {
  return gexfNode({
    id,
    label: r.subject ? `${id}: ${r.subject}` : id,
    station: r.station,
    created: r.created,
    present: true,
    estimated: false,
  });
}

/** The nodes of a page of result cables, in the rows' order. */
export function resultNodes(rows: readonly NodeRow[]): string {
  return rows.map((r) => presentNode(r.reference_id, r)).join("");
}

/** Cited cables the archive lacks: those `citedNodes` needs a date estimate for. */
export function absentIds(rows: readonly CitedRow[]): string[] {
  return rows.filter((r) => !r.reference_id).map((r) => r.id);
}

/**
 * The nodes of a page of cited cables: present ones from their row, absent ones with the station
 * their id names and the date `estimates` gives (from absentIds; null: none could be estimated).
 */
export function citedNodes(
  rows: readonly CitedRow[],
  estimates: ReadonlyMap<string, string | null>,
): string {
  return rows
    .map((r) => {
      if (r.reference_id) return presentNode(r.id, r);
      const estimate = estimates.get(r.id) ?? null;
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
}

/**
 * Numbers edges across the whole document and writes a page of them (rows grouped by source
 * cable, a cable's rows all in one page), one edge per source and target.
 */
export class EdgeWriter {
  private next = 0;

  page(rows: Iterable<EdgeRow>): string {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const e of rows) {
      const key = `${e.source}\u0000${e.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(gexfEdge(this.next++, e.source, e.target, e.label));
    }
    return out.join("");
  }
}
