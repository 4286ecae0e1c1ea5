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

import {
  byType,
  CableValues,
  type EntityColumns,
  typeOfId,
} from "../../store/entity-summary-columns.js";
import type { Pool, Sql } from "../../store/postgres/connect.js";
import { isPublicModePg } from "../../store/postgres/entities-public.js";
import { PerArchiveState } from "../../store/postgres/per-state.js";

/** While the archive keeps changing, rebuild at most this often; in between, SQL counts. */
const REBUILD_INTERVAL_MS = 10_000;

interface CableRow {
  id: number;
  ids: string;
}

/** Between the entity ids of a cable's row: a character no id holds (ids are slugs). */
const SEP = "\u001f";

/** Reads the arrays in `tx`'s snapshot; `pub` leaves out what public mode withholds. */
export async function buildEntityColumnsPg(tx: Sql, pub: boolean): Promise<EntityColumns> {
  // Codes in (name, id) order, C collation, as the SQL facets break ties.
  const [names] = await tx<{ ids: string[] | null; names: string[] | null }[]>`
    SELECT array_agg(id ORDER BY name COLLATE "C", id COLLATE "C") AS ids,
           array_agg(name ORDER BY name COLLATE "C", id COLLATE "C") AS names FROM entities`;
  const ids = names?.ids ?? [];
  const labels = names?.names ?? [];
  const code = new Map<string, number>();
  ids.forEach((id, i) => {
    code.set(id, i);
  });
  const [max] = await tx<{ id: number | null }[]>`SELECT max(id)::int AS id FROM cables`;
  const values = new CableValues((max?.id ?? 0) + 2);
  // Each cable's placed mentions in one row, in cable order: the covering index
  // mentions_cable_entity read in its own order, no join and no sort on the server (joining the
  // codes there sorted or hashed every mention: 2.2-3.5 s against 0.36 s at 50,000 cables).
  const rows = (await tx.unsafe(
    `SELECT cable_id::int AS id, string_agg(entity_id, chr(31)) AS ids FROM mentions
      WHERE entity_id IS NOT NULL${pub ? " AND NOT protected" : ""}
      GROUP BY cable_id ORDER BY cable_id`,
  )) as unknown as CableRow[];
  const seen = new Set<number>();
  for (const row of rows) {
    if (row.id >= values.start.length - 1) continue;
    values.at(row.id);
    seen.clear();
    for (const id of row.ids.split(SEP)) {
      const c = code.get(id);
      const t = typeOfId(id);
      if (c === undefined || t === undefined) continue;
      const v = c * 4 + t;
      if (seen.has(v)) continue;
      seen.add(v);
      values.push(v);
    }
  }
  return {
    ...byType(values.done()),
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
