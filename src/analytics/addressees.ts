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
import { type FactSet, lineKind, lineRole, lineRoute } from "../store/analytics-facts.js";
import { routeAddress } from "./posts.js";
import type { AnalyticsSource } from "./source.js";
import {
  type Coded,
  codedMatrix,
  codedTable,
  listedFirst,
  type Matrix,
  NONE,
  type Table,
} from "./table.js";

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

/** Cables of the set in `rowids`, ordered by creation date; the first `limit` of them. */
export async function byCreation(
  src: AnalyticsSource,
  rowids: readonly number[],
  limit: number,
): Promise<number[]> {
  return (await src.firstCables(rowids, limit)).map((c) => c.id);
}

/** Distinct addressee posts (value ids) of cable i, in line order. */
function postsOf(f: FactSet, i: number): number[] {
  const out: number[] = [];
  for (let k = f.lines.start[i]!; k < f.lines.start[i + 1]!; k++) {
    const p = f.lines.values[k]!;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

export async function addressees(src: AnalyticsSource, ids: Int32Array): Promise<Addressees> {
  const f = await src.facts(ids);
  const text = (id: number) => f.text(id) ?? NONE;
  // Cables come in rowid order, so "already counted for this cable" is "last cable counted".
  const roles = new Map<
    number,
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
  const routeCounts = new Map<number, { post: number; count: number }>();
  // Flow pairs (sending post, addressee post; 0 for none) and collective lines, as value ids.
  const most = f.lines.values.length + f.n;
  const flowFrom = new Int32Array(most);
  const flowTo = new Int32Array(most);
  const flowIds = new Int32Array(most);
  let pairs = 0;
  const collectives: number[] = [];
  const collectiveIds: number[] = [];
  for (let i = 0; i < f.n; i++) {
    const id = f.ids[i]!;
    const sender = f.sender[i]!;
    for (let k = f.lines.start[i]!; k < f.lines.start[i + 1]!; k++) {
      const post = f.lines.values[k]!;
      const flags = f.lines.flags[k]!;
      const kind = lineKind(flags);
      let entry = roles.get(post);
      if (!entry) {
        entry = { to: 0, info: 0, both: 0, lastTo: -1, lastInfo: -1, last: -1, kind };
        roles.set(post, entry);
      }
      if (lineRole(flags) === "to" && entry.lastTo !== id) {
        entry.to++;
        entry.lastTo = id;
      } else if (lineRole(flags) !== "to" && entry.lastInfo !== id) {
        entry.info++;
        entry.lastInfo = id;
      }
      if (entry.last !== id) {
        entry.both++;
        entry.last = id;
      }
      if (kind === "collective") {
        collectives.push(post);
        collectiveIds.push(id);
      }
      const route = lineRoute(flags);
      if (route !== 0) {
        const e = routeCounts.get(route);
        if (e) e.count++;
        else routeCounts.set(route, { post, count: 1 });
      }
    }
    // Each addressee post of the cable once (a post may have several lines); (none) for none.
    const first = pairs;
    for (let k = f.lines.start[i]!; k < f.lines.start[i + 1]!; k++) {
      const post = f.lines.values[k]!;
      let seen = false;
      for (let q = first; q < pairs && !seen; q++) seen = flowTo[q] === post;
      if (seen) continue;
      flowFrom[pairs] = sender;
      flowTo[pairs] = post;
      flowIds[pairs++] = id;
    }
    if (pairs === first) {
      flowFrom[pairs] = sender;
      flowTo[pairs] = 0;
      flowIds[pairs++] = id;
    }
  }
  const addresseeRows = [...roles]
    .map(([post, e]) => {
      return [text(post), e.kind, e.to, e.info, e.both] as (string | number)[];
    })
    .sort(
      (a, b) => (b[4] as number) - (a[4] as number) || String(a[0]).localeCompare(String(b[0])),
    );
  const order = listedFirst([...precedences(), NONE]);
  const valuesOf = (codes: ArrayLike<number>): Coded => ({ codes, label: text });
  const precedence = valuesOf(f.precedence);
  return {
    total: f.n,
    addressees: {
      name: "addressees",
      title: "Addressee posts: cables sent for action (TO) and for information (INFO)",
      columns: ["addressee", "kind", "action", "info", "cables"],
      rows: addresseeRows,
    },
    collectives: codedTable(
      "collectives",
      "Collectives addressed (cables)",
      "collective",
      valuesOf(collectives),
      undefined,
      collectiveIds,
    ),
    precedence: codedTable(
      "precedence",
      "Precedence of the cables",
      "precedence",
      precedence,
      order,
      f.ids,
    ),
    precedenceByYear: codedMatrix(
      { codes: f.year, label: (y) => (y === 0 ? NONE : String(y)) },
      precedence,
      {
        name: "precedence-by-year",
        title: "Precedence over time",
        rowLabel: "year",
        colLabel: "precedence",
        rowOrder: (a, b) => (a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : a > b ? 1 : 0),
        colOrder: order,
      },
      f.ids,
    ),
    routes: {
      name: "routes",
      title: "Routing indicators resolved to posts",
      columns: ["routing indicator", "address", "post", "addressee lines"],
      rows: [...routeCounts]
        .map(([route, e]) => [text(route), e] as const)
        .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
        .map(([route, e]) => [route, routeAddress(route), text(e.post), e.count]),
    },
    flow: codedMatrix(
      valuesOf(flowFrom.subarray(0, pairs)),
      valuesOf(flowTo.subarray(0, pairs)),
      {
        name: "flow",
        title: "Flow: sending post → addressee post (cables)",
        rowLabel: "sender",
        colLabel: "addressee",
        rowLimit: FLOW_SENDERS,
        colLimit: FLOW_ADDRESSEES,
      },
      flowIds.subarray(0, pairs),
    ),
  };
}

/**
 * Cables of a set that flow from `sender` to `addressee` (as the flow matrix names them): the
 * drill-down of one cell. (other) and (none) are the folded and empty cells.
 */
export async function flowCables(
  src: AnalyticsSource,
  ids: Int32Array,
  sender: string,
  addressee: string,
  limit: number,
): Promise<{ ids: number[]; total: number }> {
  const f = await src.facts(ids);
  const hits: number[] = [];
  for (let i = 0; i < f.n; i++) {
    if ((f.text(f.sender[i]!) ?? NONE) !== sender) continue;
    const posts = postsOf(f, i).map((p) => f.text(p) ?? NONE);
    const hit = addressee === NONE ? posts.length === 0 : posts.includes(addressee);
    if (hit) hits.push(f.ids[i]!);
  }
  return { ids: await byCreation(src, hits, limit), total: hits.length };
}
