/**
 * Per-cable analytics facts on PostgreSQL (migration 002-analytics): the records SQLite keeps
 * (src/store/analytics-facts.ts), derived by the same code from the same rows and packed the same
 * way, so one analytics code path reads both. Built at the end of every ingest and by `migrate`
 * (refreshAnalytics, under the writer lock, in one transaction); a reader that finds them older
 * than the archive — an ingest between its batches and its last step — derives the changed cables
 * from their rows instead, so a view is never wrong, only slower.
 */
import { eventDates } from "../../model/event-dates.js";
import {
  DERIVE_VERSION,
  type DerivedFacts,
  type FactSet,
  type FactsCableRow,
  type FactsLists,
  factsFromRows,
  groupBy,
  pack,
} from "../analytics-facts.js";
import { columnsByRowid, type FactColumns } from "../analytics-facts-columns.js";
import { FactsGather, int32, MEMORY_FROM } from "../analytics-facts-gather.js";
import type { Pool, Sql } from "./connect.js";
import { WRITER_LOCK } from "./connect.js";
import { refreshTrafficCounts } from "./traffic-counts.js";

/** Cables derived per round trip. */
const BATCH = 2000;

/** Facts of the given cables, derived from their rows now (cables not in the archive left out). */
async function deriveFacts(sql: Sql, ids: readonly number[]) {
  const arr = [...ids];
  const cables = await sql<FactsCableRow[]>`
    SELECT id, created, year, level, origin, station, precedence, decl_date AS "declDate",
           classified_by AS "classifiedBy"
      FROM cables WHERE id = ANY(${arr}::bigint[]) ORDER BY id`;
  const list = async (table: "tags" | "caveats" | "reasons", column: string) =>
    groupBy(
      (
        await sql<{ id: number; v: string }[]>`
          SELECT cable_id AS id, ${sql(column)} AS v FROM ${sql(table)}
           WHERE cable_id = ANY(${arr}::bigint[]) ORDER BY cable_id, ${sql(column)} COLLATE "C"`
      ).map((r): [number, string] => [r.id, r.v]),
    );
  const paragraphs = await sql<{ id: number; marking: string | null; text: string }[]>`
    SELECT cable_id AS id, marking, text FROM paragraphs
     WHERE cable_id = ANY(${arr}::bigint[]) ORDER BY cable_id, seq`;
  const created = new Map(cables.map((c) => [c.id, c.created]));
  const reported = new Map<number, string[]>();
  for (const p of paragraphs) {
    for (const e of eventDates(p.text, created.get(p.id) ?? null)) {
      const days = reported.get(p.id);
      if (!days) reported.set(p.id, [e.start]);
      else if (!days.includes(e.start)) days.push(e.start);
    }
  }
  const lists: FactsLists = {
    tags: await list("tags", "tag"),
    caveats: await list("caveats", "caveat"),
    reasons: await list("reasons", "reason"),
    markings: groupBy(paragraphs.map((p): [number, string | null] => [p.id, p.marking])),
    reported,
    recipients: groupBy(
      (
        await sql<{ id: number; role: string; route: string | null; name: string }[]>`
          SELECT cable_id AS id, role, route, name FROM recipients
           WHERE cable_id = ANY(${arr}::bigint[]) ORDER BY cable_id, role, seq`
      ).map(({ id, ...v }): [number, typeof v] => [id, v]),
    ),
  };
  return factsFromRows(cables, lists);
}

/** The value dictionary of a pool: it only grows, so rows past the last seen are read on demand. */
const dictionaries = new WeakMap<object, { texts: (string | null)[]; ids: Map<string, number> }>();

async function dictionary(sql: Sql, key: object) {
  let d = dictionaries.get(key);
  if (!d) {
    d = { texts: [null], ids: new Map() };
    dictionaries.set(key, d);
  }
  const known = d.texts.length - 1;
  for (const r of await sql<{ id: number; value: string }[]>`
    SELECT id, value FROM analytics_values WHERE id > ${known} ORDER BY id`) {
    d.texts[r.id] = r.value;
    d.ids.set(r.value, r.id);
  }
  return d;
}

interface State {
  version: number;
  built: { version: number; derive: number } | null;
}

async function state(sql: Sql): Promise<State> {
  const [row] = await sql<{ version: number; built: number | null; derive: number | null }[]>`
    SELECT (SELECT coalesce(max(id), 0) FROM versions) AS version,
           s.version AS built, s.derive
      FROM (SELECT 1) one LEFT JOIN analytics_facts_state s ON s.id = 1`;
  return {
    version: row!.version,
    built: row!.built === null ? null : { version: row!.built, derive: row!.derive! },
  };
}

/** Cables given a new current version (or stored) since version `after`. */
async function changedSince(sql: Sql, after: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    SELECT c.id FROM versions v
      JOIN cables c ON c.reference_id = v.reference_id AND c.version_id = v.id
     WHERE v.id > ${after}`;
  return rows.map((r) => r.id);
}

function bytes(a: Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Derives and stores the facts of every cable stored or given a new current version since the
 * last build (all of them when the derivation changed), and the traffic counts, in one
 * transaction under the writer lock; returns how many cables were derived.
 */
export async function refreshAnalytics(pool: Pool): Promise<number> {
  return pool.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
    await refreshTrafficCounts(tx);
    const s = await state(tx);
    if (s.built && s.built.version === s.version && s.built.derive === DERIVE_VERSION) return 0;
    let ids: number[];
    if (!s.built || s.built.derive !== DERIVE_VERSION) {
      await tx`DELETE FROM analytics_facts`;
      ids = (await tx<{ id: number }[]>`SELECT id FROM cables ORDER BY id`).map((r) => r.id);
    } else {
      const missing = await tx<{ id: number }[]>`
        SELECT c.id FROM cables c
         WHERE NOT EXISTS (SELECT 1 FROM analytics_facts f WHERE f.cable_id = c.id)`;
      ids = [
        ...new Set([...(await changedSince(tx, s.built.version)), ...missing.map((r) => r.id)]),
      ].sort((a, b) => a - b);
    }
    // The transaction's own dictionary: values it adds are seen by no one before it commits.
    const d = await dictionary(tx, {});
    let next = d.texts.length;
    const added: { id: number; value: string }[] = [];
    const idOf = (text: string) => {
      let v = d.ids.get(text);
      if (v === undefined) {
        v = next++;
        d.ids.set(text, v);
        added.push({ id: v, value: text });
      }
      return v;
    };
    for (let i = 0; i < ids.length; i += BATCH) {
      const facts = await deriveFacts(tx, ids.slice(i, i + BATCH));
      const packed = facts.map((f) => bytes(pack(f, idOf)));
      if (added.length > 0) {
        await tx`INSERT INTO analytics_values (id, value)
                 SELECT * FROM unnest(${added.map((a) => a.id)}::int[], ${added.map((a) => a.value)}::text[])`;
        added.length = 0;
      }
      await tx`INSERT INTO analytics_facts (cable_id, facts)
               SELECT * FROM unnest(${facts.map((f) => f.id)}::bigint[], ${packed}::bytea[])
               ON CONFLICT (cable_id) DO UPDATE SET facts = excluded.facts`;
    }
    await tx`INSERT INTO analytics_facts_state (id, version, derive)
             VALUES (1, ${s.version}, ${DERIVE_VERSION})
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, derive = excluded.derive`;
    return ids.length;
  });
}

interface Memory {
  key: string;
  /** Facts by cable id (src/store/analytics-facts-columns.ts), as SQLite keeps them. */
  cols: FactColumns;
}

const memories = new WeakMap<object, Memory>();

/** The whole facts table in memory as columns by cable id, read again when the facts change. */
async function loadMemory(sql: Sql, key: string): Promise<Memory> {
  const rows = await sql<{ facts: Buffer }[]>`SELECT facts FROM analytics_facts ORDER BY cable_id`;
  return { key, cols: columnsByRowid(int32(Buffer.concat(rows.map((r) => r.facts)))) };
}

/**
 * The facts of a set of cables (ids ascending), by column, in the set's order: stored records
 * (from the in-memory columns for large sets, gathered as on SQLite), and the records of cables
 * changed since the last build derived now. `key` names the pool (its dictionary and in-memory
 * copy are kept per pool).
 */
export async function readFactsPostgres(sql: Sql, key: object, ids: Int32Array): Promise<FactSet> {
  const s = await state(sql);
  const rebuild = !s.built || s.built.derive !== DERIVE_VERSION;
  const stale = rebuild
    ? null
    : s.built!.version === s.version
      ? new Set<number>()
      : new Set(await changedSince(sql, s.built!.version));
  let memory: Memory | undefined;
  let stored: Int32Array | undefined;
  if (stale !== null && ids.length >= MEMORY_FROM) {
    const memKey = `${s.built!.version}:${s.built!.derive}`;
    memory = memories.get(key);
    if (memory?.key !== memKey) {
      memory = await loadMemory(sql, memKey);
      memories.set(key, memory);
    }
  } else if (stale !== null) {
    const wanted = Array.from(ids).filter((id) => !stale.has(id));
    const rows = await sql<{ facts: Buffer }[]>`
      SELECT facts FROM analytics_facts
       WHERE cable_id = ANY(${wanted}::bigint[]) ORDER BY cable_id`;
    stored = int32(Buffer.concat(rows.map((r) => r.facts)));
  }
  // Read after the records (the copy, or the rows above): every value id they hold is in it.
  const read = new FactsGather(await dictionary(sql, key), ids, stale);
  if (memory) {
    const all = read.fromMemory(memory.cols);
    if (all) return all;
  } else if (stored) {
    read.fromStored(stored);
  }
  const missing = read.toDerive();
  const derived: DerivedFacts[] = [];
  for (let i = 0; i < missing.length; i += BATCH) {
    derived.push(...(await deriveFacts(sql, missing.slice(i, i + BATCH))));
  }
  return read.facts(derived);
}

/** The dates the given cables report from `from` to `to` (days), as written, read now. */
export async function reportedTextsPostgres(
  sql: Sql,
  ids: readonly number[],
  from: string,
  to: string,
): Promise<{ id: number; text: string }[]> {
  const out: { id: number; text: string }[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await sql<{ id: number; created: string | null; text: string }[]>`
      SELECT p.cable_id AS id, c.created, p.text FROM paragraphs p JOIN cables c ON c.id = p.cable_id
       WHERE p.cable_id = ANY(${ids.slice(i, i + BATCH)}::bigint[]) ORDER BY p.cable_id, p.seq`;
    for (const r of rows) {
      // Within a paragraph by day, then in reading order: SQLite's (seq, start, rowid).
      const found = eventDates(r.text, r.created)
        .map((e, i) => ({ e, i }))
        .filter(({ e }) => e.start >= from && e.start <= to)
        .sort((a, b) => (a.e.start < b.e.start ? -1 : a.e.start > b.e.start ? 1 : a.i - b.i));
      for (const { e } of found) out.push({ id: r.id, text: e.text });
    }
  }
  return out;
}
