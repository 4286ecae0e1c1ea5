/**
 * An entity's page aggregates (entity_stats rows) from its placed mentions, and the walk over
 * every placed mention in entity order that a full summary build reads them from.
 */
import type { Db } from "./db.js";
import { chunks } from "./entities-walk.js";

export interface SummaryRow {
  entity_id: string;
  cable_id: number;
  seq: number;
  roles: string;
  link: string | null;
  protected: number;
  created: string | null;
  station: string | null;
  month: string | null;
}

/** The evidence a link gives, without its particulars (`same post (Almaty 2005)` → `same post`). */
export const linkRule = (link: string | null): string => (link ?? "").replace(/ \(.*\)$/, "");

/** A role row's key: the role and the station (or ''), which partitions its cables. */
export const ROLE_SEP = "\t";

class Tally {
  readonly all = new Set<number>();
  readonly pub = new Set<number>();
  first: string | null = null;
  last: string | null = null;
  pubFirst: string | null = null;
  pubLast: string | null = null;

  add(r: SummaryRow): void {
    this.all.add(r.cable_id);
    const c = r.created;
    if (c !== null) {
      if (this.first === null || c < this.first) this.first = c;
      if (this.last === null || c > this.last) this.last = c;
    }
    if (r.protected !== 0) return;
    this.pub.add(r.cable_id);
    if (c !== null) {
      if (this.pubFirst === null || c < this.pubFirst) this.pubFirst = c;
      if (this.pubLast === null || c > this.pubLast) this.pubLast = c;
    }
  }
}

/** entity_stats values after the entity id: kind, key, counts, first/last (roles only). */
export type StatRow = [
  string,
  string,
  number,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
];

/**
 * Each post, month, rule and (role, station) with its cables and the public ones: the public
 * counts leave out the cables that protect the entity, so a protected mention is in no public
 * count, list or histogram.
 */
export function statRows(rows: readonly SummaryRow[]): StatRow[] {
  const kinds = {
    post: new Map<string, Tally>(),
    month: new Map(),
    link: new Map(),
    role: new Map(),
  };
  const add = (kind: keyof typeof kinds, key: string, r: SummaryRow) => {
    const m = kinds[kind] as Map<string, Tally>;
    let t = m.get(key);
    if (!t) {
      t = new Tally();
      m.set(key, t);
    }
    t.add(r);
  };
  for (const r of rows) {
    if (r.station) add("post", r.station, r);
    if (r.month) add("month", r.month, r);
    add("link", linkRule(r.link), r);
    for (const role of JSON.parse(r.roles) as string[]) {
      add("role", `${role}${ROLE_SEP}${r.station ?? ""}`, r);
    }
  }
  const out: StatRow[] = [];
  for (const [kind, m] of Object.entries(kinds)) {
    for (const [key, t] of [...(m as Map<string, Tally>)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const role = kind === "role";
      out.push([
        kind,
        key,
        t.all.size,
        t.pub.size,
        role ? t.first : null,
        role ? t.last : null,
        role ? t.pubFirst : null,
        role ? t.pubLast : null,
      ]);
    }
  }
  return out;
}

/** Every placed mention with its cable's facts, in entity order, a chunk at a time. */
export function mentionRows(db: Db): Generator<SummaryRow[]> {
  const page = db.prepare<[string, number, number, number], SummaryRow>(
    `SELECT m.entity_id, m.cable_id, m.seq, m.roles, m.link, m.protected,
            c.created, c.station, c.month
       FROM mentions m INDEXED BY mentions_entity JOIN cables c ON c.id = m.cable_id
      WHERE (m.entity_id, m.cable_id, m.seq) > (?, ?, ?)
      ORDER BY m.entity_id, m.cable_id, m.seq LIMIT ?`,
  );
  return chunks(
    (after: [string, number, number] | null, limit) =>
      page.all(after?.[0] ?? "", after?.[1] ?? -1, after?.[2] ?? -1, limit),
    (r) => [r.entity_id, r.cable_id, r.seq] as [string, number, number],
  );
}
