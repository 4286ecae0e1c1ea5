import { readFileSync } from "node:fs";

/**
 * Reference tables copied from the project's shared research (data/reference/README.md says where
 * each came from). Read once, lazily, synchronously: they are small and every parse needs them.
 */
const cache = new Map<string, Record<string, string>[]>();

const DATA_DIR = new URL("../../data/reference/", import.meta.url);

export function referenceTable(name: string): Record<string, string>[] {
  let rows = cache.get(name);
  if (!rows) {
    rows = parseCsv(readFileSync(new URL(name, DATA_DIR), "utf8"));
    cache.set(name, rows);
  }
  return rows;
}

/** RFC 4180 CSV with a header row; enough for our own tables (quoted fields, doubled quotes). */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      records.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    records.push(row);
  }
  const [head, ...body] = records.filter((r) => r.length > 1 || r[0] !== "");
  if (!head) return [];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ""])));
}
