import type { Db } from "./db.js";

/**
 * An entity's page aggregates (entity_stats rows) for a full build, from entity_cables, which a
 * full build writes first and which holds every fact a placement adds to them. The deltas
 * (entity-summary-delta.ts) and the live page (entity-summary-live.ts) compute the same.
 */

/** The evidence a link gives, without its particulars (`same post (Almaty 2005)` → `same post`). */
export const linkRule = (link: string | null): string => (link ?? "").replace(/ \(.*\)$/, "");

/** linkRule in SQL: from the first ` (` when the link ends with `)`, as the regular expression. */
export const linkRuleSql = (link = "link"): string => `CASE WHEN ${link} LIKE '%)'
  AND instr(${link}, ' (') > 0 THEN substr(${link}, 1, instr(${link}, ' (') - 1)
  ELSE coalesce(${link}, '') END`;

/** A role row's key: the role, a tab and the station (or ''): a cable has one station. */
export const ROLE_SEP = "\t";

/** One aggregate row in the making: distinct cables counted as their rows go by, in order. */
interface Agg {
  cables: number;
  pub: number;
  lastCable: number;
  lastPub: number;
  first: string | null;
  last: string | null;
  pubFirst: string | null;
  pubLast: string | null;
}

const KINDS = ["link", "month", "post", "role"] as const;
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An entity_cables row as the stats pass reads it. */
type Placed = [
  entity: string,
  created: string,
  cable: number,
  seq: number,
  isProtected: number,
  station: string,
  month: string,
  roles: string,
  rule: string,
];

/**
 * The entity_stats rows of every entity from its entity_cables rows, fed in that table's key
 * order (entity, date, cable, position): each post, month, rule and (role, station) with its
 * cables and its public cables, which leave out the cables protecting the entity, so a protected
 * mention is in no public count, list or histogram. A cable's rows of an entity come together in
 * that order, so distinct cables are counted as they change, without sets; rows are written in
 * the table's key order.
 */
export class StatsCounter {
  private entity: string | null = null;
  /** Entities seen. */
  entities = 0;
  private readonly aggs: Record<(typeof KINDS)[number], Map<string, Agg>> = {
    link: new Map(),
    month: new Map(),
    post: new Map(),
    role: new Map(),
  };

  constructor(private readonly add: (row: readonly unknown[]) => void) {}

  /** One entity_cables row ('' is how that table writes no date, station or month). */
  row(
    id: string,
    created: string,
    cable: number,
    isProtected: number,
    station: string,
    month: string,
    roles: string,
    rule: string,
  ): void {
    if (id !== this.entity) {
      this.flush();
      this.entity = id;
      this.entities++;
    }
    const { aggs } = this;
    const pub = isProtected === 0;
    // min/max of SQL skipped NULL dates.
    const date = created === "" ? null : created;
    if (station !== "") count(aggs.post, station, cable, pub, null);
    if (month !== "") count(aggs.month, month, cable, pub, null);
    count(aggs.link, rule, cable, pub, null);
    if (roles !== "[]") {
      for (const role of JSON.parse(roles) as unknown[]) {
        count(aggs.role, `${role}${ROLE_SEP}${station}`, cable, pub, date);
      }
    }
  }

  /** Writes the last entity's rows; returns the number of entities. */
  finish(): number {
    this.flush();
    this.entity = null;
    return this.entities;
  }

  private flush(): void {
    const { entity, aggs } = this;
    if (entity === null) return;
    for (const kind of KINDS) {
      const keys = [...aggs[kind].keys()].sort(byteOrder);
      for (const key of keys) {
        const a = aggs[kind].get(key)!;
        this.add(
          kind === "role"
            ? [entity, kind, key, a.cables, a.pub, a.first, a.last, a.pubFirst, a.pubLast]
            : [entity, kind, key, a.cables, a.pub, null, null, null, null],
        );
      }
      aggs[kind].clear();
    }
  }
}

function count(
  map: Map<string, Agg>,
  key: string,
  cable: number,
  pub: boolean,
  created: string | null,
): void {
  let a = map.get(key);
  if (!a) {
    a = {
      cables: 0,
      pub: 0,
      lastCable: -1,
      lastPub: -1,
      first: null,
      last: null,
      pubFirst: null,
      pubLast: null,
    };
    map.set(key, a);
  }
  if (a.lastCable !== cable) {
    a.cables++;
    a.lastCable = cable;
  }
  if (pub && a.lastPub !== cable) {
    a.pub++;
    a.lastPub = cable;
  }
  if (created !== null) {
    if (a.first === null || created < a.first) a.first = created;
    if (a.last === null || created > a.last) a.last = created;
    if (pub) {
      if (a.pubFirst === null || created < a.pubFirst) a.pubFirst = created;
      if (a.pubLast === null || created > a.pubLast) a.pubLast = created;
    }
  }
}

/**
 * Writes the entity_stats rows of every entity from entity_cables, read once in its key order
 * (StatsCounter). The GROUP BY this replaced sorted every placement five times (spilling to
 * temporary files at 251,287 cables); this reads the table the build has just written, already
 * sorted. Returns the number of entities.
 */
export function writeAllStats(
  db: Db,
  add: (row: readonly unknown[]) => void,
  pageRows = 20_000,
): number {
  const page = db
    .prepare<[string, string, number, number, number], Placed>(
      `SELECT entity_id, created, cable_id, seq, protected, station, month, roles, rule
         FROM entity_cables WHERE (entity_id, created, cable_id, seq) > (?, ?, ?, ?)
        ORDER BY entity_id, created, cable_id, seq LIMIT ?`,
    )
    .raw();
  const stats = new StatsCounter(add);
  let after: [string, string, number, number] = ["", "", -1, -1];
  for (;;) {
    const rows = page.all(...after, pageRows);
    if (rows.length === 0) break;
    for (const [id, created, cable, seq, prot, station, month, roles, rule] of rows) {
      stats.row(id, created, cable, prot, station, month, roles, rule);
      after = [id, created, cable, seq];
    }
    if (rows.length < pageRows) break;
  }
  return stats.finish();
}
