import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

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

/**
 * RFC 4180 CSV with a header row, as csv-parse reads it. (The Cablegate reader in src/formats/csv.ts
 * is not this: cables.csv escapes with backslashes and has no header; see its comment.)
 */
export function parseCsv(text: string): Record<string, string>[] {
  // Strict column counts: a table edited by hand with a field too many fails at load, by line.
  return parse(text, { columns: true, skip_empty_lines: true });
}
