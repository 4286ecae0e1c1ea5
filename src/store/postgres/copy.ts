/**
 * Rows in COPY's text format: tab between columns, newline after the row, `\N` for NULL. Backslash,
 * tab, newline and carriage return inside a value are escaped, so any cable text round-trips; NUL,
 * which PostgreSQL text cannot hold at all, is dropped (SQLite keeps it; no parsed cable has one).
 */
export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r\0]/g;
const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\0": "",
};

function field(v: CopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return v.replace(SPECIAL, (c) => ESCAPES[c]!);
}

export function copyText(row: readonly CopyValue[]): string {
  return `${row.map(field).join("\t")}\n`;
}
