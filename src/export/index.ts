/**
 * Exports of a whole result set, streamed as string chunks (one per batch of cables) so memory
 * stays flat whatever the size: CSV (one row per cable, RFC 4180), JSONL (the contract's Cable
 * JSON, one per line) and GEXF (the reference graph of the results, src/export/gexf.ts).
 */

import type { Cable } from "../model/cable.js";
import { parseQuery } from "../search/parser.js";
import { ResultSet } from "../search/result-set.js";
import type { SortOrder } from "../search/types.js";
import type { Db } from "../store/db.js";
import { readCables } from "../store/read.js";
import { gexfChunks } from "./gexf.js";

export const EXPORT_FORMATS = ["csv", "jsonl", "gexf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Order of the rows (default: created, oldest first). */
  sort?: SortOrder;
  /** Cables per chunk. */
  batchSize?: number;
}

export const CSV_COLUMNS = [
  "reference_id",
  "created",
  "released",
  "origin",
  "station",
  "classification",
  "caveats",
  "tags",
  "subject",
  "references",
  "classified_by",
  "reasons",
  "signers",
  "partial",
  "paragraphs",
] as const;

/** One CSV field: quoted when it holds a comma, quote, line break or edge space (RFC 4180). */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: (string | number | boolean | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** The CSV row of a cable; lists are joined with `; `. */
export function cableCsvRow(c: Cable): string {
  const refs = c.references.map((r) => r.referenceId ?? r.text);
  return csvRow([
    c.referenceId,
    c.created,
    c.released,
    c.origin,
    c.station,
    c.classification,
    c.caveats.join("; "),
    c.tags.join("; "),
    c.subject,
    refs.join("; "),
    c.classifiedBy?.names.join("; ") ?? null,
    c.classifiedBy?.reasons.join("; ") ?? null,
    c.signers.join("; "),
    c.partial,
    c.paragraphs.length,
  ]);
}

function* rows(db: Db, set: ResultSet, size: number, format: "csv" | "jsonl"): Generator<string> {
  if (format === "csv") yield csvRow([...CSV_COLUMNS]);
  for (const ids of set.batches(size)) {
    const out: string[] = [];
    for (const cable of readCables(db, ids)) {
      out.push(format === "csv" ? cableCsvRow(cable) : `${JSON.stringify(cable)}\n`);
    }
    yield out.join("");
  }
}

/**
 * The export of `query` as chunks of text. The query is parsed before the first chunk, so a syntax
 * error (QuerySyntaxError) comes before any output.
 */
export function exportQuery(
  db: Db,
  query: string,
  format: ExportFormat,
  opts: ExportOptions = {},
): Generator<string> {
  const node = parseQuery(query);
  const size = opts.batchSize ?? 500;
  return (function* () {
    // Materialised on the first read, so an export that is never read leaves nothing behind.
    const set = new ResultSet(db, node, opts.sort ?? "created");
    try {
      if (format === "gexf") yield* gexfChunks(db, set, { size, query });
      else yield* rows(db, set, size, format);
    } finally {
      set.close();
    }
  })();
}
