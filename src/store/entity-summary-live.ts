/**
 * An entity's page computed from all its mentions: what its summary holds (entity-summary-read.ts),
 * for an entity whose summary is stale (resolution changed it and the finish step has not run
 * yet) or an archive never summarised. Slow for the most named entities, never wrong. Public mode
 * leaves out the mentions a cable protects.
 */
import { type Db, perConnection } from "./db.js";
import {
  byCount,
  type CableListRow,
  type CablesCursor,
  cablePage,
  type PageParts,
  type RoleSpan,
  sortRoles,
} from "./entity-summary-read.js";
import { linkRule } from "./entity-summary-stats.js";

/** A mention of the entity with its cable, as both back ends read it for a live page. */
export interface MentionRow extends CableListRow {
  month: string | null;
}

const stmts = perConnection((db: Db) => ({
  mentions: db.prepare<[string], MentionRow>(
    `SELECT coalesce(c.created, '') AS sort_created, m.cable_id, m.seq, c.reference_id, c.created,
            c.station, c.subject, c.month, m.name, m.variants, m.roles, m.paragraphs,
            m.protected, m.link
       FROM mentions m JOIN cables c ON c.id = m.cable_id
      WHERE m.entity_id = ?
      ORDER BY sort_created DESC, m.cable_id DESC, m.seq DESC`,
  ),
}));

/** Whether `r` comes after the cursor, newest first. */
function isAfter(r: MentionRow, c: CablesCursor): boolean {
  if (r.sort_created !== c.created) return r.sort_created < c.created;
  if (r.cable_id !== c.cableId) return r.cable_id < c.cableId;
  return r.seq < c.seq;
}

export function liveParts(
  db: Db,
  id: string,
  pub: boolean,
  limit: number,
  after: CablesCursor | null,
): PageParts {
  return partsFromMentions(stmts(db).mentions.all(id), pub, limit, after);
}

/**
 * A page's parts from all the entity's mentions (`all`: newest first by sort_created, cable_id,
 * seq, byte-wise), from either back end; public mode drops the mentions a cable protects.
 */
export function partsFromMentions(
  all: readonly MentionRow[],
  pub: boolean,
  limit: number,
  after: CablesCursor | null,
): PageParts {
  const rows = all.filter((r) => !pub || r.protected === 0);
  const forms = new Map<string, Set<number>>();
  const roles = new Map<string, RoleSpan & { ids: Set<number>; st: Set<string> }>();
  const posts = new Map<string, Set<number>>();
  const months = new Map<string, Set<number>>();
  const evidence = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, cable: number) => {
    const set = m.get(k) ?? new Set<number>();
    m.set(k, set);
    set.add(cable);
  };
  for (const r of rows) {
    for (const f of [r.name, ...(JSON.parse(r.variants) as string[])]) add(forms, f, r.cable_id);
    if (r.station) add(posts, r.station, r.cable_id);
    if (r.month) add(months, r.month, r.cable_id);
    add(evidence, linkRule(r.link), r.cable_id);
    for (const role of JSON.parse(r.roles) as string[]) {
      let span = roles.get(role);
      if (!span) {
        span = {
          role,
          from: null,
          to: null,
          stations: [],
          cables: 0,
          ids: new Set(),
          st: new Set(),
        };
        roles.set(role, span);
      }
      span.ids.add(r.cable_id);
      if (r.station) span.st.add(r.station);
      if (r.created) {
        if (span.from === null || r.created < span.from) span.from = r.created;
        if (span.to === null || r.created > span.to) span.to = r.created;
      }
    }
  }
  const counted = (m: Map<string, Set<number>>) =>
    [...m.entries()]
      .map(([key, v]) => ({ key, n: v.size }))
      .sort(
        byCount(
          (x) => x.n,
          (x) => x.key,
        ),
      );
  const listed = after ? rows.filter((r) => isAfter(r, after)) : rows;
  return {
    forms: counted(forms).map(({ key, n }) => ({ form: key, cables: n })),
    roles: sortRoles(
      [...roles.values()].map(({ ids, st, ...span }) => ({
        ...span,
        stations: [...st].sort(),
        cables: ids.size,
      })),
    ),
    posts: counted(posts).map(({ key, n }) => ({ station: key, cables: n })),
    months: [...months.entries()]
      .map(([month, ids]) => ({ month, count: ids.size }))
      .sort((a, b) => (a.month < b.month ? -1 : 1)),
    evidence: counted(evidence).map(({ key, n }) => ({ link: key, cables: n })),
    ...cablePage(listed.slice(0, limit + 1), limit, pub),
    cables: Int32Array.from(new Set(rows.map((r) => r.cable_id))),
  };
}
