/**
 * Rows in COPY's text format: tab between columns, newline after the row, `\N` for NULL. Backslash,
 * tab, newline and carriage return inside a value are escaped, so any cable text round-trips; NUL,
 * which PostgreSQL text cannot hold at all, is dropped (SQLite keeps it; no parsed cable has one).
 */
import type { Writable } from "node:stream";
import type { Sql } from "./connect.js";

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

async function drainable(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((r) => stream.once("drain", r));
}

/**
 * `rows` into `table (columns)` by one COPY: about a megabyte per write, and no more queued than
 * the socket takes, so memory stays bounded whatever the number of rows. `onChunk` hears the rows
 * sent so far after each write. Returns the number of rows.
 */
export async function copyRows(
  tx: Sql,
  table: string,
  columns: string,
  rows: Iterable<readonly CopyValue[]>,
  onChunk: (rows: number) => void = () => {},
): Promise<number> {
  const stream: Writable = await tx.unsafe(`COPY ${table} (${columns}) FROM STDIN`).writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
  });
  let n = 0;
  let chunk = "";
  try {
    for (const row of rows) {
      chunk += copyText(row);
      n++;
      if (chunk.length > 1 << 20) {
        await drainable(stream, chunk);
        chunk = "";
        onChunk(n);
      }
    }
    stream.end(chunk);
  } catch (err) {
    stream.destroy(err as Error);
    throw err;
  }
  await done;
  return n;
}
