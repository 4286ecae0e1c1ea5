/**
 * An entity's page from its summary (migration 012, src/store/entity-summary.ts): a few hundred
 * aggregate rows and one page of its cables read by keyset, whatever the number of its mentions.
 * Used when the summary is fresh; otherwise entity-summary-live.ts computes the same from the
 * mentions. Public mode reads the public counts, which leave out the cables protecting the
 * entity, and skips those cables in the list.
 */
import { type Db, perConnection } from "./db.js";
import { ROLE_SEP } from "./entity-summary-stats.js";

/* The shapes of a page's parts (entities-read.ts re-exports them with the rest of the page). */
export interface EntityCable {
  referenceId: string;
  created: string | null;
  station: string | null;
  subject: string | null;
  /** The form the cable gives (fullest), the others it writes, and the roles it gives. */
  name: string;
  variants: string[];
  roles: string[];
  paragraphs: number[];
  /** The resolution rule that placed this mention in the entity. */
  link: string;
  /** Local mode only: the cable asks to protect this person. */
  protected?: boolean;
}

export interface RoleSpan {
  role: string;
  from: string | null;
  to: string | null;
  stations: string[];
  cables: number;
}

/** Where a page of an entity's cables starts: after this mention, newest first. */
export interface CablesCursor {
  created: string;
  cableId: number;
  seq: number;
}

export function encodeCursor(c: CablesCursor): string {
  return Buffer.from(JSON.stringify([c.created, c.cableId, c.seq])).toString("base64url");
}

/** The cursor a `next` link carries, or null when it is not one. */
export function decodeCursor(s: string): CablesCursor | null {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === "string" &&
      Number.isSafeInteger(v[1]) &&
      Number.isSafeInteger(v[2])
    ) {
      return { created: v[0], cableId: v[1], seq: v[2] };
    }
  } catch {
    // Not base64 JSON: not a cursor.
  }
  return null;
}

/** What a page shows besides the entity's header and co-mentions. */
export interface PageParts {
  forms: { form: string; cables: number }[];
  roles: RoleSpan[];
  posts: { station: string; cables: number }[];
  months: { month: string; count: number }[];
  evidence: { link: string; cables: number }[];
  cableList: EntityCable[];
  /** The cursor of the next page of cables, or null on the last. */
  next: string | null;
  /** The entity's cables (rowids), when they were read anyway (the live path); else null. */
  cables: Int32Array | null;
}

export interface CableListRow {
  sort_created: string;
  cable_id: number;
  seq: number;
  reference_id: string;
  created: string | null;
  station: string | null;
  subject: string | null;
  name: string;
  variants: string;
  roles: string;
  paragraphs: string;
  protected: number;
  link: string | null;
}

interface StatRow {
  kind: string;
  key: string;
  cables: number;
  public_cables: number;
  first: string | null;
  last: string | null;
  public_first: string | null;
  public_last: string | null;
}

const LIST = `SELECT ec.created AS sort_created, ec.cable_id, ec.seq, c.reference_id, c.created,
       c.station, c.subject, m.name, m.variants, m.roles, m.paragraphs, m.protected, m.link
  FROM entity_cables ec
  JOIN mentions m ON m.cable_id = ec.cable_id AND m.seq = ec.seq AND m.entity_id = ec.entity_id
  JOIN cables c ON c.id = ec.cable_id
 WHERE ec.entity_id = @id AND (@pub = 0 OR (ec.protected = 0 AND m.protected = 0))`;
const ORDER = "ORDER BY ec.created DESC, ec.cable_id DESC, ec.seq DESC LIMIT @limit";

const stmts = perConnection((db: Db) => ({
  stale: db
    .prepare<[string], number>(
      "SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*' OR entity_id = ? LIMIT 1",
    )
    .pluck(),
  built: db.prepare<[], number>("SELECT 1 FROM entity_summary_dirty WHERE entity_id = '*'").pluck(),
  stats: db.prepare<[string], StatRow>("SELECT * FROM entity_stats WHERE entity_id = ?"),
  forms: db.prepare<[string], { form: string; cables: number; public_cables: number }>(
    "SELECT form, cables, public_cables FROM entity_forms WHERE entity_id = ?",
  ),
  first: db.prepare<[{ id: string; pub: number; limit: number }], CableListRow>(`${LIST} ${ORDER}`),
  after: db.prepare<[{ id: string; pub: number; limit: number } & CablesCursor], CableListRow>(
    `${LIST} AND (ec.created, ec.cable_id, ec.seq) < (@created, @cableId, @seq) ${ORDER}`,
  ),
}));

/** Whether the entity's summary is up to date (no resolution since changed it). */
export function summaryFresh(db: Db, id: string): boolean {
  return stmts(db).stale.get(id) === undefined;
}

/** Whether summaries were ever built on this archive (the per-cable lists exist). */
export function summariesBuilt(db: Db): boolean {
  return stmts(db).built.get() === undefined;
}

/** Count first, then by key: the order of every counted list on a page, whichever path made it. */
export function byCount<T>(count: (t: T) => number, key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => count(b) - count(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

export function toEntityCable(r: CableListRow, pub: boolean): EntityCable {
  return {
    referenceId: r.reference_id,
    created: r.created,
    station: r.station,
    subject: r.subject,
    name: r.name,
    variants: JSON.parse(r.variants) as string[],
    roles: JSON.parse(r.roles) as string[],
    paragraphs: JSON.parse(r.paragraphs) as number[],
    link: r.link ?? "",
    ...(pub ? {} : { protected: r.protected === 1 }),
  };
}

/** A page of cables from `limit + 1` rows read: the first `limit`, and the cursor after them. */
export function cablePage(
  rows: CableListRow[],
  limit: number,
  pub: boolean,
): Pick<PageParts, "cableList" | "next"> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    cableList: shown.map((r) => toEntityCable(r, pub)),
    next:
      rows.length > limit && last
        ? encodeCursor({ created: last.sort_created, cableId: last.cable_id, seq: last.seq })
        : null,
  };
}

export function summaryParts(
  db: Db,
  id: string,
  pub: boolean,
  limit: number,
  after: CablesCursor | null,
): PageParts {
  const s = stmts(db);
  const args = { id, pub: pub ? 1 : 0, limit: limit + 1 };
  const rows = after ? s.after.all({ ...args, ...after }) : s.first.all(args);
  const posts: PageParts["posts"] = [];
  const months: PageParts["months"] = [];
  const evidence: PageParts["evidence"] = [];
  const roles = new Map<string, RoleSpan>();
  for (const st of s.stats.all(id)) {
    const n = pub ? st.public_cables : st.cables;
    if (n === 0) continue;
    if (st.kind === "post") posts.push({ station: st.key, cables: n });
    else if (st.kind === "month") months.push({ month: st.key, count: n });
    else if (st.kind === "link") evidence.push({ link: st.key, cables: n });
    else if (st.kind === "role") {
      const [role, station] = st.key.split(ROLE_SEP) as [string, string];
      const from = pub ? st.public_first : st.first;
      const to = pub ? st.public_last : st.last;
      const span = roles.get(role) ?? { role, from, to, stations: [], cables: 0 };
      roles.set(role, span);
      // A cable has one station, so a role's cables are the sum over its stations.
      span.cables += n;
      if (station) span.stations.push(station);
      if (from !== null && (span.from === null || from < span.from)) span.from = from;
      if (to !== null && (span.to === null || to > span.to)) span.to = to;
    }
  }
  const forms = s.forms
    .all(id)
    .map((f) => ({ form: f.form, cables: pub ? f.public_cables : f.cables }))
    .filter((f) => f.cables > 0);
  return {
    forms: forms.sort(
      byCount(
        (f) => f.cables,
        (f) => f.form,
      ),
    ),
    roles: sortRoles([...roles.values()].map((r) => ({ ...r, stations: r.stations.sort() }))),
    posts: posts.sort(
      byCount(
        (x) => x.cables,
        (x) => x.station,
      ),
    ),
    months: months.sort((a, b) => (a.month < b.month ? -1 : 1)),
    evidence: evidence.sort(
      byCount(
        (x) => x.cables,
        (x) => x.link,
      ),
    ),
    ...cablePage(rows, limit, pub),
    cables: null,
  };
}

export function sortRoles(roles: RoleSpan[]): RoleSpan[] {
  return roles.sort(
    (a, b) => (a.from ?? "").localeCompare(b.from ?? "") || a.role.localeCompare(b.role),
  );
}
