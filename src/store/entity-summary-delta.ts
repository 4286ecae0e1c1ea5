/**
 * The incremental finish step of the entity summaries: only the cables the journal names
 * (migration 014: a mention deleted, placed elsewhere or newly placed, a cable's date or station
 * changed). For each such cable and each entity it names now or named when summarised, the
 * placements the summary holds (entity_cables, which keeps every fact a placement adds to the
 * aggregates) are compared with the cable's mentions now; where they differ, the old ones are
 * subtracted from the entity's aggregates and the new ones added. The work is proportional to the
 * cables changed, not to the size of the entities they name: a cable added to the most named
 * place costs what it costs for any entity.
 *
 * Counts are of distinct cables, so a cable's contribution to an entity is taken as a whole (all
 * its placements in the entity): one cable for each post, month, rule and role it gives. A role's
 * first and last dates are widened by additions; when a removed cable held one of them it is read
 * again from the entity's placements.
 */
import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";
import { linkRuleSql, ROLE_SEP } from "./entity-summary-stats.js";

/** A placement as entity_cables keeps it (`created`, `station`, `month`: '' when none). */
export interface Placement {
  entity_id: string;
  created: string;
  cable_id: number;
  seq: number;
  protected: number;
  station: string;
  month: string;
  roles: string;
  rule: string;
}

/** A placement now, with the mention's type (for the packed list). */
export interface Placed extends Placement {
  type: EntityType;
}

/** The current placements of a cable, as a full build would store them. */
export const PLACED_SQL = `SELECT m.entity_id, coalesce(c.created, '') AS created, m.cable_id, m.seq,
       m.protected, coalesce(c.station, '') AS station, coalesce(c.month, '') AS month, m.roles,
       ${linkRuleSql("m.link")} AS rule, m.type
  FROM mentions m JOIN cables c ON c.id = m.cable_id
 WHERE m.cable_id = ? AND m.entity_id IS NOT NULL ORDER BY m.seq`;

interface Change {
  entity: string;
  kind: string;
  key: string;
  cables: number;
  pub: number;
  /** Role rows: dates added (all, public) and removed (all, public). */
  added: string[];
  addedPub: string[];
  removed: string[];
  removedPub: string[];
}

interface StatRow {
  cables: number;
  public_cables: number;
  first: string | null;
  last: string | null;
  public_first: string | null;
  public_last: string | null;
}

function statements(db: Db) {
  return {
    journal: db.prepare<[number], { entity_id: string; created: string }>(
      "SELECT entity_id, created FROM entity_summary_journal WHERE cable_id = ?",
    ),
    placed: db.prepare<[number], Placed>(PLACED_SQL),
    createdNow: db
      .prepare<[number], string>("SELECT coalesce(created, '') FROM cables WHERE id = ?")
      .pluck(),
    stored: db.prepare<[string, string, number], Placement>(
      `SELECT entity_id, created, cable_id, seq, protected, station, month, roles, rule
         FROM entity_cables WHERE entity_id = ? AND created = ? AND cable_id = ? ORDER BY seq`,
    ),
    delCable: db.prepare(
      "DELETE FROM entity_cables WHERE entity_id = ? AND created = ? AND cable_id = ? AND seq = ?",
    ),
    insCable: db.prepare<[Placement]>(
      `INSERT OR REPLACE INTO entity_cables
         (entity_id, created, cable_id, seq, protected, station, month, roles, rule)
       VALUES (@entity_id, @created, @cable_id, @seq, @protected, @station, @month, @roles, @rule)`,
    ),
    stat: db.prepare<[string, string, string], StatRow>(
      `SELECT cables, public_cables, first, last, public_first, public_last FROM entity_stats
        WHERE entity_id = ? AND kind = ? AND key = ?`,
    ),
    delStat: db.prepare("DELETE FROM entity_stats WHERE entity_id = ? AND kind = ? AND key = ?"),
    putStat: db.prepare(
      `INSERT OR REPLACE INTO entity_stats (entity_id, kind, key, cables, public_cables, first,
         last, public_first, public_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    roleDates: db
      .prepare<
        [string, string, string],
        [string | null, string | null, string | null, string | null]
      >(
        `SELECT min(nullif(ec.created, '')), max(nullif(ec.created, '')),
              min(CASE WHEN ec.protected = 0 THEN nullif(ec.created, '') END),
              max(CASE WHEN ec.protected = 0 THEN nullif(ec.created, '') END)
         FROM entity_cables ec, json_each(ec.roles) r
        WHERE ec.entity_id = ? AND ec.station = ? AND r.value = ?`,
      )
      .raw(),
  };
}

const same = (a: readonly Placement[], b: readonly Placement[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return (
      x.seq === y.seq &&
      x.created === y.created &&
      x.protected === y.protected &&
      x.station === y.station &&
      x.month === y.month &&
      x.roles === y.roles &&
      x.rule === y.rule
    );
  });

/** The aggregate changes of an entity, keyed by (kind, key). */
class Changes {
  readonly byKey = new Map<string, Change>();

  private at(entity: string, kind: string, key: string): Change {
    const k = `${entity}\u0000${kind}\u0000${key}`;
    let c = this.byKey.get(k);
    if (!c) {
      c = {
        entity,
        kind,
        key,
        cables: 0,
        pub: 0,
        added: [],
        addedPub: [],
        removed: [],
        removedPub: [],
      };
      this.byKey.set(k, c);
    }
    return c;
  }

  /** One cable's placements in one entity, added (`sign` 1) or taken away (-1). */
  cable(rows: readonly Placement[], sign: 1 | -1): void {
    const first = rows[0];
    if (!first) return;
    const e = first.entity_id;
    const visible = (pred: (r: Placement) => boolean) =>
      rows.some((r) => r.protected === 0 && pred(r));
    const count = (kind: string, key: string, pub: boolean) => {
      const c = this.at(e, kind, key);
      c.cables += sign;
      if (pub) c.pub += sign;
      return c;
    };
    // A cable has one station and one month.
    if (first.station)
      count(
        "post",
        first.station,
        visible(() => true),
      );
    if (first.month)
      count(
        "month",
        first.month,
        visible(() => true),
      );
    for (const rule of new Set(rows.map((r) => r.rule))) {
      count(
        "link",
        rule,
        visible((r) => r.rule === rule),
      );
    }
    const roles = new Set(rows.flatMap((r) => JSON.parse(r.roles) as string[]));
    for (const role of roles) {
      const has = (r: Placement) => (JSON.parse(r.roles) as string[]).includes(role);
      const pub = visible(has);
      const c = count("role", `${role}${ROLE_SEP}${first.station}`, pub);
      if (!first.created) continue;
      (sign > 0 ? c.added : c.removed).push(first.created);
      if (pub) (sign > 0 ? c.addedPub : c.removedPub).push(first.created);
    }
  }
}

const min = (a: string | null, xs: string[]) =>
  xs.reduce<string | null>((m, x) => (m === null || x < m ? x : m), a);
const max = (a: string | null, xs: string[]) =>
  xs.reduce<string | null>((m, x) => (m === null || x > m ? x : m), a);

export interface DeltaResult {
  /** Cables whose placements changed (their packed lists are rewritten). */
  cables: number[];
  /** Entities named, before or now, by a cable whose placements changed. */
  touched: Set<string>;
  /** Entities whose own placements changed. */
  entities: number;
}

/**
 * Applies the journal of `cableIds` to entity_cables and entity_stats; the caller rewrites the
 * packed lists and co-mentions of what it returns, and clears the journal.
 */
export function applyDeltas(
  db: Db,
  cableIds: readonly number[],
  wrote: (n: number) => void,
): DeltaResult {
  const s = statements(db);
  const changes = new Changes();
  const changedCables: number[] = [];
  const touched = new Set<string>();
  const entities = new Set<string>();
  for (const cableId of cableIds) {
    const journal = s.journal.all(cableId);
    const now = s.placed.all(cableId);
    const createdNow = now[0]?.created ?? s.createdNow.get(cableId);
    const candidates = new Map<string, Set<string>>();
    const candidate = (e: string, created: string | undefined) => {
      let set = candidates.get(e);
      if (!set) {
        set = new Set();
        candidates.set(e, set);
      }
      if (created !== undefined) set.add(created);
    };
    for (const j of journal) if (j.entity_id !== "") candidate(j.entity_id, j.created);
    for (const p of now) candidate(p.entity_id, undefined);
    let changed = false;
    for (const [e, createds] of candidates) {
      // Whatever `created` the summary saw this cable with: each change of it is journaled.
      if (createdNow !== undefined) createds.add(createdNow);
      const old: Placement[] = [];
      for (const created of createds) old.push(...s.stored.all(e, created, cableId));
      old.sort((a, b) => a.seq - b.seq);
      const neu = now.filter((p) => p.entity_id === e);
      if (same(old, neu)) continue;
      changed = true;
      entities.add(e);
      for (const o of old) s.delCable.run(e, o.created, cableId, o.seq);
      for (const n of neu) {
        const { type: _, ...row } = n;
        s.insCable.run(row);
      }
      wrote(old.length + neu.length);
      changes.cable(old, -1);
      changes.cable(neu, 1);
    }
    if (changed) {
      changedCables.push(cableId);
      for (const e of candidates.keys()) touched.add(e);
    }
  }
  applyStats(s, changes, wrote);
  return { cables: changedCables, touched, entities: entities.size };
}

function applyStats(
  s: ReturnType<typeof statements>,
  changes: Changes,
  wrote: (n: number) => void,
) {
  for (const c of changes.byKey.values()) {
    const row = s.stat.get(c.entity, c.kind, c.key);
    const cables = (row?.cables ?? 0) + c.cables;
    const pub = (row?.public_cables ?? 0) + c.pub;
    wrote(1);
    if (cables <= 0) {
      if (row) s.delStat.run(c.entity, c.kind, c.key);
      continue;
    }
    let dates: (string | null)[] = [null, null, null, null];
    if (c.kind === "role") {
      const held = (x: string | null, xs: string[]) => x !== null && xs.includes(x);
      if (
        row &&
        (held(row.first, c.removed) ||
          held(row.last, c.removed) ||
          held(row.public_first, c.removedPub) ||
          held(row.public_last, c.removedPub))
      ) {
        const [role, station] = c.key.split(ROLE_SEP) as [string, string];
        dates = s.roleDates.get(c.entity, station, role) ?? dates;
      } else {
        dates = [
          min(row?.first ?? null, c.added),
          max(row?.last ?? null, c.added),
          min(row?.public_first ?? null, c.addedPub),
          max(row?.public_last ?? null, c.addedPub),
        ];
      }
    }
    s.putStat.run(c.entity, c.kind, c.key, cables, pub, ...dates);
  }
}
