/**
 * Who was told what: action (TO) and information (INFO) addressees of a result set, collectives,
 * precedence (and precedence over time), routing indicators resolved to posts, and the flow from
 * sending post to addressee post.
 *
 * The flow is a matrix, not a chord or Sankey diagram: with 100+ posts on each side, ribbons and
 * bands overlap past reading, while a matrix of the busiest senders × the busiest addressees (the
 * rest folded into one row and column) keeps every flow a readable, linkable cell and has an exact
 * table form.
 */
import { referenceTable } from "../reference/reference-data.js";
import type { Db } from "../store/db.js";
import { addresseeOf, routeAddress, senderOf } from "./posts.js";
import { idsJson } from "./result.js";
import { countMatrix, countTable, listedFirst, type Matrix, NONE, type Table } from "./table.js";

/** Senders and addressee posts given their own row / column in the flow matrix. */
export const FLOW_SENDERS = 15;
export const FLOW_ADDRESSEES = 15;

/** Precedences as the reference table lists them (highest first). */
export function precedences(): string[] {
  return referenceTable("precedence.csv")
    .map((r) => r.word ?? "")
    .filter(Boolean);
}

export interface Addressees {
  total: number;
  /** Per addressee post: cables sent to it for action, for information, and both together. */
  addressees: Table;
  collectives: Table;
  precedence: Table;
  precedenceByYear: Matrix;
  routes: Table;
  /** Sender post × addressee post: cables per cell, a cable in one cell per addressee post ((none) for none). */
  flow: Matrix;
}

interface CableRow {
  id: number;
  origin: string | null;
  station: string | null;
  year: number | null;
  precedence: string | null;
}

interface RecipientRow {
  id: number;
  role: "to" | "info";
  route: string | null;
  name: string;
}

export function addressees(db: Db, ids: Int32Array): Addressees {
  return db.transaction((): Addressees => {
    const json = idsJson(ids);
    const cables = db
      .prepare<[string], CableRow>(
        `SELECT c.id, c.origin, c.station, c.year, c.precedence
           FROM json_each(?) j CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value`,
      )
      .all(json);
    const recipients = db
      .prepare<[string], RecipientRow>(
        `SELECT r.cable_id AS id, r.role, r.route, r.name
           FROM json_each(?) j CROSS JOIN recipients r ON r.cable_id = j.value`,
      )
      .all(json);

    const per = new Map<number, RecipientRow[]>();
    for (const r of recipients) {
      const list = per.get(r.id);
      if (list) list.push(r);
      else per.set(r.id, [r]);
    }
    // Cables come in rowid order, so "already counted for this cable" is "last cable counted".
    const roles = new Map<
      string,
      {
        to: number;
        info: number;
        both: number;
        lastTo: number;
        lastInfo: number;
        last: number;
        kind: string;
      }
    >();
    const routeCounts = new Map<string, { address: string | null; post: string; count: number }>();
    const flowPairs: [string, string][] = [];
    const flowIds: number[] = [];
    const collectives: string[] = [];
    const collectiveIds: number[] = [];
    for (const c of cables) {
      const sender = senderOf(c.origin, c.station);
      const posts = new Set<string>();
      for (const r of per.get(c.id) ?? []) {
        const a = addresseeOf(r.name, r.route);
        posts.add(a.post);
        let entry = roles.get(a.post);
        if (!entry) {
          entry = { to: 0, info: 0, both: 0, lastTo: -1, lastInfo: -1, last: -1, kind: a.kind };
          roles.set(a.post, entry);
        }
        if (r.role === "to" && entry.lastTo !== c.id) {
          entry.to++;
          entry.lastTo = c.id;
        } else if (r.role !== "to" && entry.lastInfo !== c.id) {
          entry.info++;
          entry.lastInfo = c.id;
        }
        if (entry.last !== c.id) {
          entry.both++;
          entry.last = c.id;
        }
        if (a.kind === "collective") {
          collectives.push(a.post);
          collectiveIds.push(c.id);
        }
        if (r.route) {
          const k = r.route.toUpperCase();
          const e = routeCounts.get(k);
          if (e) e.count++;
          else routeCounts.set(k, { address: routeAddress(k), post: a.post, count: 1 });
        }
      }
      if (posts.size === 0) posts.add(NONE);
      for (const p of posts) {
        flowPairs.push([sender, p]);
        flowIds.push(c.id);
      }
    }
    const addresseeRows = [...roles]
      .map(([post, e]) => {
        return [post, e.kind, e.to, e.info, e.both] as (string | number)[];
      })
      .sort(
        (a, b) => (b[4] as number) - (a[4] as number) || String(a[0]).localeCompare(String(b[0])),
      );
    const order = listedFirst([...precedences(), NONE]);
    const rowids = cables.map((c) => c.id);
    return {
      total: cables.length,
      addressees: {
        name: "addressees",
        title: "Addressee posts: cables sent for action (TO) and for information (INFO)",
        columns: ["addressee", "kind", "action", "info", "cables"],
        rows: addresseeRows,
      },
      collectives: countTable(
        "collectives",
        "Collectives addressed (cables)",
        "collective",
        collectives,
        undefined,
        collectiveIds,
      ),
      precedence: countTable(
        "precedence",
        "Precedence of the cables",
        "precedence",
        cables.map((c) => c.precedence ?? NONE),
        order,
        rowids,
      ),
      precedenceByYear: countMatrix(
        cables.map((c) => [c.year === null ? NONE : String(c.year), c.precedence ?? NONE]),
        {
          name: "precedence-by-year",
          title: "Precedence over time",
          rowLabel: "year",
          colLabel: "precedence",
          rowOrder: (a, b) => (a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : a > b ? 1 : 0),
          colOrder: order,
        },
        rowids,
      ),
      routes: {
        name: "routes",
        title: "Routing indicators resolved to posts",
        columns: ["routing indicator", "address", "post", "addressee lines"],
        rows: [...routeCounts]
          .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
          .map(([route, e]) => [route, e.address, e.post, e.count]),
      },
      flow: countMatrix(
        flowPairs,
        {
          name: "flow",
          title: "Flow: sending post → addressee post (cables)",
          rowLabel: "sender",
          colLabel: "addressee",
          rowLimit: FLOW_SENDERS,
          colLimit: FLOW_ADDRESSEES,
        },
        flowIds,
      ),
    };
  })();
}

/**
 * Cables of a set that flow from `sender` to `addressee` (as the flow matrix names them): the
 * drill-down of one cell. (other) and (none) are the folded and empty cells.
 */
export function flowCables(
  db: Db,
  ids: Int32Array,
  sender: string,
  addressee: string,
  limit: number,
): { ids: number[]; total: number } {
  const json = idsJson(ids);
  const cables = db
    .prepare<[string], { id: number; origin: string | null; station: string | null }>(
      `SELECT c.id, c.origin, c.station FROM json_each(?) j
         CROSS JOIN cables c INDEXED BY cables_analytics ON c.id = j.value ORDER BY c.created, c.id`,
    )
    .all(json);
  const per = new Map<number, Set<string>>();
  for (const r of db
    .prepare<[string], { id: number; route: string | null; name: string }>(
      `SELECT r.cable_id AS id, r.route, r.name
         FROM json_each(?) j CROSS JOIN recipients r ON r.cable_id = j.value`,
    )
    .all(json)) {
    let s = per.get(r.id);
    if (!s) {
      s = new Set();
      per.set(r.id, s);
    }
    s.add(addresseeOf(r.name, r.route).post);
  }
  const out: number[] = [];
  let total = 0;
  for (const c of cables) {
    if (senderOf(c.origin, c.station) !== sender) continue;
    const posts = per.get(c.id);
    const hit = addressee === NONE ? !posts || posts.size === 0 : posts?.has(addressee) === true;
    if (!hit) continue;
    total++;
    if (out.length < limit) out.push(c.id);
  }
  return { ids: out, total };
}
