/**
 * The entity arrays of src/store/entity-summary-columns.ts, read from a PostgreSQL archive, so the
 * person / organisation / place facets of a search are counted in the web process as SQLite counts
 * them (src/search/entity-count.ts) rather than by joining every match's mentions in SQL, three
 * times: at 50,000 cables that join was most of a broad query's time (`iran`: 8,493 matches,
 * 290,000 placed mentions, 130 ms to read them once). Built once per pool and archive state, like
 * the columnar copy (./columns.ts), in the snapshot of the request that needs it. The rule is the
 * SQL's (statement.ts, entityTop): placed mentions, a cable counted once per entity, and over a
 * public pool none of the mentions a cable withholds (`protected`); ties by name then id, in C
 * collation, which the codes' order gives.
 */

import type { EntityType } from "../../store/entities-input.js";
import type { Related } from "../../store/entities-read.js";
import { byType, type EntityColumns, typeOfId } from "../../store/entity-summary-columns.js";
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { isPublicModePg } from "../../store/postgres/entities-public.js";
import { PerArchiveState } from "../../store/postgres/per-state.js";
import { coMentionsOf } from "../entity-count.js";
import { int32s } from "./columns.js";

/** While the archive keeps changing, rebuild at most this often; in between, SQL counts. */
const REBUILD_INTERVAL_MS = 10_000;

interface EntityRow {
  id: string;
  cables: Uint8Array;
}

/**
 * Public mode: the (cable, value) pairs to leave out, those whose every mention in the cable is
 * withheld (`protected`), as `NOT protected` leaves them out of the SQL count. Only the protecting
 * cables hold any (partial index mentions_protected), a few thousand at Cablegate size.
 */
async function withheldPairs(
  tx: Sql,
  code: Map<string, number>,
): Promise<Map<number, Set<number>>> {
  const rows = await tx<{ cable: number; id: string }[]>`
    SELECT cable_id::int AS cable, entity_id AS id FROM mentions
     WHERE cable_id IN (SELECT cable_id FROM mentions WHERE protected) AND entity_id IS NOT NULL
     GROUP BY cable_id, entity_id HAVING bool_and(protected)`;
  const out = new Map<number, Set<number>>();
  for (const r of rows) {
    const c = code.get(r.id);
    const t = typeOfId(r.id);
    if (c === undefined || t === undefined) continue;
    const set = out.get(r.cable) ?? new Set<number>();
    set.add(c * 4 + t);
    out.set(r.cable, set);
  }
  return out;
}

/**
 * Per cable, the values of the entities naming it, from per-entity lists of cable ids (ascending),
 * by a counting pass and a filling pass; `dropped` pairs are left out.
 */
function byCable(
  lists: readonly { v: number; cables: Int32Array }[],
  slots: number,
  dropped: Map<number, Set<number>> | null,
): { start: Uint32Array; vals: Uint32Array; size: number } {
  const each = (fn: (cable: number, v: number) => void) => {
    for (const { v, cables } of lists) {
      if (v < 0) continue;
      let last = -1;
      for (const cable of cables) {
        if (cable === last || cable >= slots) continue;
        last = cable;
        if (dropped?.get(cable)?.has(v)) continue;
        fn(cable, v);
      }
    }
  };
  const start = new Uint32Array(slots + 1);
  each((cable) => start[cable + 1]!++);
  for (let i = 0; i < slots; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, slots);
  const vals = new Uint32Array(start[slots]!);
  let size = 0;
  each((cable, v) => {
    vals[fill[cable]!++] = v;
    if (v >= size) size = v + 1;
  });
  return { start, vals, size };
}

/**
 * The arrays with their entities' ids and names. Made apart from the reads: closures made in the
 * function that holds the rows would keep them (V8 gives a scope's closures one context), 24 MB
 * of cable ids at 251,287 cables.
 */
function withNames(
  all: { start: Uint32Array; vals: Uint32Array; size: number },
  ids: string[],
  labels: string[],
  code: Map<string, number>,
): EntityColumns {
  return {
    ...byType(all),
    entity(v) {
      const i = v >>> 2;
      return i < ids.length ? { id: ids[i]!, name: labels[i]! } : null;
    },
    valueOf(id) {
      const c = code.get(id);
      const t = typeOfId(id);
      return c === undefined || t === undefined ? undefined : c * 4 + t;
    },
  };
}

/** Reads the arrays in `tx`'s snapshot; `pub` leaves out what public mode withholds. */
export async function buildEntityColumnsPg(tx: Sql, pub: boolean): Promise<EntityColumns> {
  // Codes in (name, id) order, C collation, as the SQL facets break ties. As JSON: parsed into
  // flat strings, a third of the memory postgres.js's text[] parsing left (15 against 47 MB).
  const [names] = await tx<{ ids: string[] | null; names: string[] | null }[]>`
    SELECT json_agg(id ORDER BY name COLLATE "C", id COLLATE "C") AS ids,
           json_agg(name ORDER BY name COLLATE "C", id COLLATE "C") AS names FROM entities`;
  const ids = names?.ids ?? [];
  const labels = names?.names ?? [];
  const code = new Map<string, number>();
  ids.forEach((id, i) => {
    code.set(id, i);
  });
  const [max] = await tx<{ id: number | null }[]>`SELECT max(id)::int AS id FROM cables`;
  const slots = (max?.id ?? 0) + 2;
  // Each entity's cables in one row (4 bytes a cable), entities in C order: the index
  // mentions_entity read in its own order, so the server neither sorts nor hashes the mentions.
  const rows = (await tx.unsafe(
    `SELECT entity_id COLLATE "C" AS id, string_agg(int4send(cable_id::int), ''::bytea ORDER BY cable_id) AS cables
       FROM mentions WHERE entity_id IS NOT NULL
      GROUP BY entity_id COLLATE "C" ORDER BY entity_id COLLATE "C"`,
  )) as unknown as EntityRow[];
  const lists = rows.map((r) => {
    const c = code.get(r.id);
    const t = typeOfId(r.id);
    return { v: c === undefined || t === undefined ? -1 : c * 4 + t, cables: int32s(r.cables) };
  });
  const dropped = pub ? await withheldPairs(tx, code) : null;
  return withNames(byCable(lists, slots, dropped), ids, labels, code);
}

const copies = {
  local: new PerArchiveState<EntityColumns>((tx) => buildEntityColumnsPg(tx, false)),
  public: new PerArchiveState<EntityColumns>((tx) => buildEntityColumnsPg(tx, true)),
};

/**
 * The entity arrays of the archive in `tx`'s snapshot, built if need be; null while they would be
 * stale and were rebuilt too recently (an ingest is committing batches): SQL counts instead.
 */
export function entityColumnsIfFreshPg(pool: Pool, tx: Sql): Promise<EntityColumns | null> {
  const which = isPublicModePg(pool) ? copies.public : copies.local;
  return which.getUnlessRecent(pool, tx, REBUILD_INTERVAL_MS);
}

/**
 * An entity page's co-mentions from the arrays (as SQLite's server counts them), or null while
 * they are stale: milliseconds where joining the mentions of every cable of a much-named entity
 * takes seconds. Public pools count over their public arrays, as `NOT protected` on both sides.
 */
export async function coMentionsFromArraysPg(
  pool: Pool,
  entity: string,
  limit: number,
): Promise<Record<EntityType, Related[]> | null> {
  // In one snapshot, as a search reads them: the stamp and the arrays' reads agree.
  const cols = await pool.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", (tx) =>
    entityColumnsIfFreshPg(pool, tx),
  );
  return cols ? coMentionsOf(cols, entity, null, limit) : null;
}
