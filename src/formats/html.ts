import { dropLineEndBackslashes, repairDbRow, repairSpacedRow } from "./db-row.js";
import { decodeBytes, toLf } from "./decode.js";
import { useFullCopy } from "./full-copy.js";
import { htmlToText } from "./html-text.js";
import type { RawMetadata, RawRecord, ReadError, ReadItem } from "./record.js";

/**
 * Reader for a WikiLeaks cable page (spec §6.2): the `<h3>Viewing cable ID, SUBJECT</h3>` title,
 * the `<table class='cable'>` metadata row, then `<code><pre>` blocks (the last is the body; one
 * before it is the transmission header or the partial-extract banner). Pages are small, so the
 * whole page is read; what the page lacks (no table, an unclosed block) is a ReadError.
 */

const TABLE_OPEN = /<table\b[^>]*\bclass=["']cable["'][^>]*>/i;
const TITLE = /^<h3>Viewing cable\s+([^,<\s]*)\s*,?([\s\S]*?)<\/h3>/;
const HEADER_CELL = /<th\b[^>]*>([\s\S]*?)<\/th>/gi;
const DATA_CELL = /<td\b[^>]*>([\s\S]*?)<\/td>/gi;
const ROW = /<tr\b[^>]*>([\s\S]*?)<\/tr>/gi;
const PRE_OPEN = /<pre\b[^>]*>/gi;

type Column = "referenceId" | "created" | "released" | "classification" | "origin";

const COLUMNS: Record<string, Column> = {
  "reference id": "referenceId",
  created: "created",
  released: "released",
  classification: "classification",
  origin: "origin",
};
// Pages from 2015 on dropped the Released column (cablemap b2a66db); without header cells the
// number of cells tells which layout it is.
const LAYOUT_5: Column[] = ["referenceId", "created", "released", "classification", "origin"];
const LAYOUT_4: Column[] = ["referenceId", "created", "classification", "origin"];

function cellText(html: string): string {
  return htmlToText(html).replace(/\s+/g, " ").trim();
}

function lineOf(bytes: Buffer, end: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

interface Page {
  metadata: RawMetadata;
  blocks: string[];
}

/** Metadata and raw `<pre>` contents of a page, or the reason (with its char index) it has none. */
function parsePage(html: string): Page | { reason: string; index: number } {
  const open = TABLE_OPEN.exec(html);
  if (!open) {
    return { reason: "no cable metadata table (not a WikiLeaks cable page, or cut off)", index: 0 };
  }
  const tableEnd = html.indexOf("</table>", open.index);
  if (tableEnd < 0)
    return { reason: "metadata table not closed (page cut off)", index: open.index };
  const table = html.slice(open.index, tableEnd);

  const names = [...table.matchAll(HEADER_CELL)].map((m) => cellText(m[1]!).toLowerCase());
  let cells: string[] = [];
  for (const row of table.matchAll(ROW)) {
    const tds = [...row[1]!.matchAll(DATA_CELL)].map((m) => cellText(m[1]!));
    if (tds.length >= 4) {
      cells = tds;
      break;
    }
  }
  if (cells.length === 0) return { reason: "metadata table has no data row", index: open.index };
  const layout =
    names.length === cells.length
      ? names.map((n) => COLUMNS[n])
      : cells.length >= 5
        ? LAYOUT_5
        : LAYOUT_4;
  const metadata: RawMetadata = {};
  layout.forEach((col, i) => {
    const value = cells[i];
    if (col && value) metadata[col] = value;
  });

  const title = TITLE.exec(html.slice(0, open.index));
  if (title) {
    if (!metadata.referenceId && title[1]) metadata.referenceId = title[1];
    const subject = cellText(title[2] ?? "");
    if (subject) metadata.subject = subject;
  }

  const blocks: string[] = [];
  PRE_OPEN.lastIndex = tableEnd;
  for (let m = PRE_OPEN.exec(html); m; m = PRE_OPEN.exec(html)) {
    const start = m.index + m[0].length;
    const end = html.indexOf("</pre>", start);
    if (end < 0) return { reason: "<pre> block not closed (page cut off)", index: m.index };
    blocks.push(html.slice(start, end));
    PRE_OPEN.lastIndex = end + 6;
  }
  if (blocks.length === 0) {
    return { reason: "no <pre> block: the page holds no cable text", index: tableEnd };
  }
  return { metadata, blocks };
}

// Searched from a letter that is rare in markup: a needle opening with `<` stops at every tag of
// the 60 KB of navigation before the cable.
const VIEWING = Buffer.from("Viewing cable");
const H3 = Buffer.from("<h3>");
const CABLE_CLASSES = [Buffer.from("='cable'"), Buffer.from('="cable"')];
const CLASS = Buffer.from("class");

/** First offset of `head` + `needle` in `bytes`, found from `needle`. */
function indexAfter(bytes: Buffer, head: Buffer, needle: Buffer): number {
  for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) {
    const at = i - head.length;
    if (at >= 0 && bytes.compare(head, 0, head.length, at, i) === 0) return at;
  }
  return -1;
}

/** Where the cable part of a page starts: its title, else its table; the sidebar before is skipped. */
function cableStart(bytes: Buffer): number {
  const title = indexAfter(bytes, H3, VIEWING);
  if (title >= 0) return title;
  const table = Math.max(...CABLE_CLASSES.map((c) => indexAfter(bytes, CLASS, c)));
  return table >= 0 ? Math.max(0, bytes.lastIndexOf("<table", table)) : 0;
}

/** One page → one record; `bytes` is the whole file. */
export function readHtml(bytes: Uint8Array, file: string): ReadItem {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A page is ~70 KB of which ~60 KB is navigation: decode only from the cable's own part.
  const start = cableStart(all);
  const decoded = decodeBytes(all.subarray(start), (i) => `byte ${start + i}`);
  // Positions are taken on the text as decoded (CR kept) so errors point at the file's own lines.
  const html = decoded.text;
  const page = parsePage(html);
  if ("reason" in page) {
    const error: ReadError = {
      kind: "error",
      source: {
        format: "html",
        file,
        offset: start + Buffer.byteLength(html.slice(0, page.index)),
        line: lineOf(all, start) + lineAt(html, page.index) - 1,
      },
      reason: page.reason,
    };
    return error;
  }
  const warnings = [...decoded.warnings];
  const texts = page.blocks.map((b) => toLf(htmlToText(b)));
  let body = texts[texts.length - 1]!;
  let header: string | null = texts.length > 1 ? texts.slice(0, -1).join("\n") : null;

  const row = repairDbRow(body);
  if (row) {
    warnings.push(...row.warnings);
    body = row.before ? `${row.before}\n${row.body}` : row.body;
    header ??= row.header;
  }
  const full = useFullCopy(body);
  if (full) {
    warnings.push(full.warning);
    body = full.text;
  }
  const spaced = repairSpacedRow(body, page.metadata.referenceId);
  if (spaced) {
    warnings.push(...spaced.warnings);
    body = spaced.body;
  }
  const cleanBody = dropLineEndBackslashes(body);
  const cleanHeader = header === null ? null : dropLineEndBackslashes(header);
  body = cleanBody.text;
  header = cleanHeader?.text ?? null;
  const removed = cleanBody.removed + (cleanHeader?.removed ?? 0);
  if (removed > 0) warnings.push(`${removed} backslash(es) at line ends removed (export escapes)`);

  const record: RawRecord = {
    kind: "record",
    source: { format: "html", file, offset: 0, line: 1 },
    metadata: page.metadata,
    header: header?.trim() ? header : null,
    body,
    warnings,
  };
  return record;
}
