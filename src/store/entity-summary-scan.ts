import type { Db } from "./db.js";
import { groupOrder, PROTECTED } from "./entities-scan.js";
import { type Batches, BulkInsert } from "./entities-walk.js";
import type { SummaryColumns } from "./entity-summary-handoff.js";
import { type PlacementRows, sharedInts } from "./entity-summary-rows.js";

/**
 * The rows of a full summary build (entity_cables, entity_stats, cable_entities; entity-summary.ts
 * tells what they hold) from the columns a full resolution holds (entity-summary-handoff.ts),
 * with no read of `mentions`: the placements grouped by entity in memory (a counting sort), each
 * entity's in date order, and every table appended in its key order. The read-back path sorted
 * every placement in SQLite (spilling to temporary files at scale), read entity_cables back for
 * the aggregates and walked `mentions` once more for the packed lists. Memory: the columns, plus
 * 16 bytes a mention for the rows in order (entity-summary-rows.ts) and 8 for the largest
 * entity's keys.
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
 * Every placement as the rows of entity_cables and entity_stats read it, in entity_cables' key
 * order (entity id, date, cable, position).
 */
export function orderPlacements(db: Db, c: SummaryColumns): PlacementRows {
  const cables = c.cableId.length;
  const month: string[] = new Array(cables).fill("");
  const at = new Map<number, number>();
  for (let k = 0; k < cables; k++) at.set(c.cableId[k]!, k);
  const read = db.prepare<[], [number, string | null]>(
    "SELECT id, month FROM cables INDEXED BY cables_search_meta",
  );
  for (const [id, m] of read.raw().iterate()) {
    const k = at.get(id);
    if (k !== undefined) month[k] = m ?? "";
  }
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
  const { order: grouped, start } = groupOrder(c.n, c.entityIds.length, (i) => c.entity[i]!);
  const placed: number[] = [];
  for (let e = 0; e < c.entityIds.length; e++) if (start[e + 1]! > start[e]!) placed.push(e);
  placed.sort((a, b) => cmp(c.entityIds[a]!, c.entityIds[b]!));

  const { n } = c;
  const starts = sharedInts(placed.length + 1);
  const cable = sharedInts(n);
  const seq = sharedInts(n);
  const roles = sharedInts(n);
  const ruleProt = sharedInts(n);
  let w = 0;
  placed.forEach((e, p) => {
    starts[p] = w;
    const from = start[e]!;
    // Date rank, then the mention's place in table order: one key, sorted as numbers.
    const keys = new Float64Array(start[e + 1]! - from);
    for (let k = 0; k < keys.length; k++) {
      const i = grouped[from + k]!;
      keys[k] = dateRank[c.cable[i]!]! * n + i;
    }
    keys.sort();
    for (let k = 0; k < keys.length; k++, w++) {
      const i = keys[k]! % n;
      seq[w] = c.seq[i]!;
      cable[w] = c.cable[i]!;
      roles[w] = c.roles[i]!;
      ruleProt[w] = c.link[i]! * 2 + (c.flags[i]! & PROTECTED ? 1 : 0);
    }
  });
  starts[placed.length] = w;
  return {
    ids: placed.map((e) => c.entityIds[e]!),
    starts,
    cable,
    seq,
    roles,
    ruleProt,
    lists: c.lists,
    rules: c.links.map(ruleOf),
    cableId: c.cableId,
    created: c.created.map((d) => d ?? ""),
    station: c.station.map((s) => s ?? ""),
    month,
  };
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
