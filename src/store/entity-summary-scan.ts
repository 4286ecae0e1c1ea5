import type { Db } from "./db.js";
import { groupOrder, PROTECTED } from "./entities-scan.js";
import { type Batches, BulkInsert } from "./entities-walk.js";
import type { SummaryColumns } from "./entity-summary-handoff.js";
import { StatsCounter } from "./entity-summary-stats.js";

/**
 * The rows of a full summary build (entity_cables, entity_stats, cable_entities; entity-summary.ts
 * tells what they hold) from the columns a full resolution holds (entity-summary-handoff.ts),
 * with no read of `mentions`: the placements grouped by entity in memory (a counting sort), each
 * entity's in date order, and every table appended in its key order. The read-back path sorted
 * every placement in SQLite (spilling to temporary files at scale), read entity_cables back for
 * the aggregates and walked `mentions` once more for the packed lists. Memory: the columns, plus
 * 4 bytes a mention for the grouping and 8 for the largest entity's keys.
 */

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** linkRuleSql (entity-summary-stats.ts) in JavaScript, to the character. */
function ruleOf(link: string | null): string {
  if (link === null) return "";
  const at = link.indexOf(" (");
  return link.endsWith(")") && at >= 0 ? link.slice(0, at) : link;
}

/** A cable's packed list: sorted distinct `code * 4 + type`, little-endian uint32. */
export function pack(values: Set<number>): Buffer {
  const a = Uint32Array.from([...values].sort((x, y) => x - y));
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Writes entity_cables and entity_stats (the tables emptied and entity codes assigned by the
 * caller). Returns the number of entities.
 */
export function writePlacementsFromColumns(db: Db, c: SummaryColumns, batches: Batches): number {
  const months = new Map<number, string | null>();
  const read = db.prepare<[], [number, string | null]>(
    "SELECT id, month FROM cables INDEXED BY cables_search_meta",
  );
  for (const [id, month] of read.raw().iterate()) months.set(id, month);
  const cables = c.cableId.length;
  // Cables ranked by date ('' for none first, as SQL's coalesce sorts): equal dates share a rank,
  // so the table order (cable id, position) breaks the tie as entity_cables' key does.
  const byDate = Array.from({ length: cables }, (_, k) => k).sort((a, b) =>
    cmp(c.created[a] ?? "", c.created[b] ?? ""),
  );
  const dateRank = new Float64Array(cables);
  for (let r = 1; r < cables; r++) {
    const same = (c.created[byDate[r]!] ?? "") === (c.created[byDate[r - 1]!] ?? "");
    dateRank[byDate[r]!] = same ? dateRank[byDate[r - 1]!]! : r;
  }
  const rules = c.links.map(ruleOf);
  const { order, start } = groupOrder(c.n, c.entityIds.length, (i) => c.entity[i]!);
  const placed: number[] = [];
  for (let e = 0; e < c.entityIds.length; e++) if (start[e + 1]! > start[e]!) placed.push(e);
  placed.sort((a, b) => cmp(c.entityIds[a]!, c.entityIds[b]!));

  const rows = new BulkInsert(
    db,
    "entity_cables (entity_id, created, cable_id, seq, protected, station, month, roles, rule)",
    9,
    batches,
  );
  const stats = new BulkInsert(
    db,
    `entity_stats (entity_id, kind, key, cables, public_cables, first, last, public_first,
                   public_last)`,
    9,
    batches,
  );
  const counter = new StatsCounter((row) => stats.add(row));
  const { n } = c;
  for (const e of placed) {
    const id = c.entityIds[e]!;
    const from = start[e]!;
    // Date rank, then the mention's place in table order: one key, sorted as numbers.
    const keys = new Float64Array(start[e + 1]! - from);
    for (let k = 0; k < keys.length; k++) {
      const i = order[from + k]!;
      keys[k] = dateRank[c.cable[i]!]! * n + i;
    }
    keys.sort();
    for (let k = 0; k < keys.length; k++) {
      const i = keys[k]! % n;
      const cable = c.cable[i]!;
      const cableId = c.cableId[cable]!;
      const created = c.created[cable] ?? "";
      const station = c.station[cable] ?? "";
      const month = months.get(cableId) ?? "";
      const roles = c.lists[c.roles[i]!]!;
      const rule = rules[c.link[i]!]!;
      const prot = c.flags[i]! & PROTECTED ? 1 : 0;
      rows.add([id, created, cableId, c.seq[i]!, prot, station, month, roles, rule]);
      counter.row(id, created, cableId, prot, station, month, roles, rule);
    }
  }
  rows.flush();
  const entities = counter.finish();
  stats.flush();
  return entities;
}

/**
 * Writes every cable's packed lists (cable_entities, emptied by the caller) from the columns, in
 * cable order; `codes` maps entity ids to their codes. Returns the number of cables listed.
 */
export function writeListsFromColumns(
  db: Db,
  c: SummaryColumns,
  codes: ReadonlyMap<string, number>,
  batches: Batches,
): number {
  const code = c.entityIds.map((id) => codes.get(id) ?? -1);
  const insert = new BulkInsert(db, "cable_entities (cable_id, codes, public_codes)", 3, batches);
  let listed = 0;
  let i = 0;
  while (i < c.n) {
    const cable = c.cable[i]!;
    const all = new Set<number>();
    const pub = new Set<number>();
    for (; i < c.n && c.cable[i] === cable; i++) {
      const k = code[c.entity[i]!]!;
      if (k < 0) throw new Error(`entity ${c.entityIds[c.entity[i]!]} has no code`);
      const v = k * 4 + c.comboType[c.combo[i]!]!;
      all.add(v);
      if ((c.flags[i]! & PROTECTED) === 0) pub.add(v);
    }
    insert.add([c.cableId[cable], pack(all), pub.size === all.size ? null : pack(pub)]);
    listed++;
  }
  insert.flush();
  return listed;
}
