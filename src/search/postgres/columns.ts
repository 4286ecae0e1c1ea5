/**
 * The columnar copy of src/search/columns.ts, read from a PostgreSQL archive: the same Columns
 * (dates, month, origin, classification, TAGS, caveats by cable id), so a search there sends only
 * the matching ids to Node and counts facets, histogram and date keys as SQLite does. Grouping the
 * matches in SQL cost a broad query most of its time (docs/server-mode.md, "Facets counted in the
 * web process"). Built once per pool and archive state (archiveStamp), in the snapshot of the
 * request that needs it, and shared by the requests that arrive while it is read.
 */
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { PerArchiveState } from "../../store/postgres/per-state.js";
import type { Columns, Dictionary } from "../columns.js";
import { multiColumnOf, NO_DATE } from "../columns.js";

/** While the archive keeps changing, rebuild at most this often; in between, SQL counts. */
const REBUILD_INTERVAL_MS = 10_000;

/** Int32 values of a bytea built with int4send (big-endian), as PostgreSQL sends them. */
export function int32s(bytes: Uint8Array | null): Int32Array {
  if (!bytes || bytes.length === 0) return new Int32Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4);
  return out;
}

interface Grouped {
  v: string;
  ids: Uint8Array;
}

/** Per-value id lists, values in code-unit order (C collation), as one row per value. */
function grouped(tx: Sql, table: string, id: string, column: string): Promise<Grouped[]> {
  return tx.unsafe(
    `SELECT ${column} AS v, string_agg(int4send(${id}::int), ''::bytea) AS ids
       FROM ${table} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${column} COLLATE "C"`,
  ) as unknown as Promise<Grouped[]>;
}

function dictionary(rows: Grouped[], size: number): Dictionary {
  // Origins, classifications and months number in the hundreds; more would overflow the codes.
  const kept = rows.slice(0, 65_535);
  const codes = new Uint16Array(size);
  kept.forEach((r, i) => {
    for (const id of int32s(r.ids)) if (id < size) codes[id] = i + 1;
  });
  return { values: kept.map((r) => r.v), codes };
}

/** Epoch milliseconds by id, NO_DATE where absent: Date.parse of the text, as on SQLite. */
function dates(ids: Int32Array, texts: (string | null)[], size: number): Float64Array {
  const out = new Float64Array(size).fill(NO_DATE);
  ids.forEach((id, i) => {
    const text = texts[i];
    const t = text ? Date.parse(text) : Number.NaN;
    if (id < size) out[id] = Number.isNaN(t) ? NO_DATE : t;
  });
  return out;
}

/** Reads the columns in `tx`'s snapshot; `stamp` is that snapshot's archiveStamp. */
export async function buildColumnsPg(tx: Sql, stamp: string): Promise<Columns> {
  const [row] = await tx<
    { ids: Uint8Array | null; created: (string | null)[] | null; released: (string | null)[] }[]
  >`SELECT string_agg(int4send(id::int), ''::bytea ORDER BY id) AS ids,
           array_agg(coalesce(created, created_est) ORDER BY id) AS created,
           array_agg(released ORDER BY id) AS released
      FROM cables`;
  const ids = int32s(row?.ids ?? null);
  const size = ids.length > 0 ? ids[ids.length - 1]! + 1 : 1;
  const present = new Uint8Array(size);
  for (const id of ids) present[id] = 1;
  const [month, origin, classification, tags, caveats] = await Promise.all([
    grouped(tx, "cables", "id", "month"),
    grouped(tx, "cables", "id", "origin"),
    grouped(tx, "cables", "id", "classification"),
    grouped(tx, "tags", "cable_id", "tag"),
    grouped(tx, "caveats", "cable_id", "caveat"),
  ]);
  return {
    size,
    present,
    created: dates(ids, row?.created ?? [], size),
    released: dates(ids, row?.released ?? [], size),
    month: dictionary(month, size),
    origin: dictionary(origin, size),
    classification: dictionary(classification, size),
    tags: multiColumnOf(
      tags.map((r) => r.v),
      tags.map((r) => int32s(r.ids)),
      size,
    ),
    caveats: multiColumnOf(
      caveats.map((r) => r.v),
      caveats.map((r) => int32s(r.ids)),
      size,
    ),
    stamp,
    builtAt: Date.now(),
  };
}

const copies = new PerArchiveState<Columns>(buildColumnsPg);

/**
 * The columns of the archive in `tx`'s snapshot, built if need be; null when they would be stale
 * and were rebuilt too recently to rebuild again (an ingest is committing batches): the caller
 * counts in SQL instead, as SQLite's columnsIfFresh says.
 */
export function columnsIfFreshPg(pool: Pool, tx: Sql): Promise<Columns | null> {
  return copies.getUnlessRecent(pool, tx, REBUILD_INTERVAL_MS);
}
