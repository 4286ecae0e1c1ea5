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

/** Value ids below this index typed arrays; others (rare) a Map. */
const DENSE_IDS = 1 << 20;

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
  {
    const f = await src.facts(ids);
    const text = (id: number) => f.text(id) ?? NONE;
    // Per addressee post, numbered by first appearance (typed-array lookup for value ids): cables
    // for action, for information, either; the last cable counted for each, cables coming in
    // rowid order, so "already counted for this cable" is "last cable counted".
    const { start: lineStart, values: linePost, flags: lineFlagsOf } = f.lines;
    // Value ids index typed arrays (posts, routes); ids of facts derived just now are negative
    // and rare (a route's reads back as a large number), so they go through a Map.
    let maxId = 0;
    for (let k = 0; k < linePost.length; k++) {
      if (linePost[k]! > maxId) maxId = linePost[k]!;
      const r = lineRoute(lineFlagsOf[k]!);
      if (r > maxId && r < DENSE_IDS) maxId = r;
    }
    const slotOfPost = new Int32Array(maxId + 1).fill(-1);
    const localSlots = new Map<number, number>();
    const posts: number[] = [];
    const kinds: string[] = [];
    const to: number[] = [];
    const info: number[] = [];
    const both: number[] = [];
    const lastTo: number[] = [];
    const lastInfo: number[] = [];
    const last: number[] = [];
    const newSlot = (post: number, kind: string) => {
      const slot = posts.length;
      if (post >= 0) slotOfPost[post] = slot;
      else localSlots.set(post, slot);
      posts.push(post);
      kinds.push(kind);
      to.push(0);
      info.push(0);
      both.push(0);
      lastTo.push(-1);
      lastInfo.push(-1);
      last.push(-1);
      return slot;
    };
    // Lines per routing indicator, and the post of its first line.
    const routeLines = new Int32Array(maxId + 1);
    const routePost = new Int32Array(maxId + 1);
    const routes: number[] = [];
    const localRoutes = new Map<number, { post: number; count: number }>();
    // Flow pairs (sending post, addressee post; 0 for none) and collective lines, as value ids.
    const most = linePost.length + f.n;
    const flowFrom = new Int32Array(most);
    const flowTo = new Int32Array(most);
    const flowIds = new Int32Array(most);
    let pairs = 0;
    const collectives: number[] = [];
    const collectiveIds: number[] = [];
    const setIds = f.ids;
    const senders = f.sender;
    for (let i = 0; i < f.n; i++) {
      const id = setIds[i]!;
      const sender = senders[i]!;
      const from = lineStart[i]!;
      const end = lineStart[i + 1]!;
      for (let k = from; k < end; k++) {
        const post = linePost[k]!;
        const flags = lineFlagsOf[k]!;
        let e = post >= 0 ? slotOfPost[post]! : (localSlots.get(post) ?? -1);
        if (e < 0) e = newSlot(post, lineKind(flags));
        if (lineRole(flags) === "to") {
          if (lastTo[e] !== id) {
            to[e]!++;
            lastTo[e] = id;
          }
        } else if (lastInfo[e] !== id) {
          info[e]!++;
          lastInfo[e] = id;
        }
        if (last[e] !== id) {
          both[e]!++;
          last[e] = id;
        }
        if (lineKind(flags) === "collective") {
          collectives.push(post);
          collectiveIds.push(id);
        }
        const route = lineRoute(flags);
        if (route !== 0 && route <= maxId) {
          if (routeLines[route] === 0) {
            routes.push(route);
            routePost[route] = post;
          }
          routeLines[route]!++;
        } else if (route !== 0) {
          const r = localRoutes.get(route);
          if (r) r.count++;
          else {
            routes.push(route);
            localRoutes.set(route, { post, count: 1 });
          }
        }
      }
      // Each addressee post of the cable once (a post may have several lines); (none) for none.
      const first = pairs;
      for (let k = from; k < end; k++) {
        const post = linePost[k]!;
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
    const addresseeRows = posts
      .map((post, e) => [text(post), kinds[e]!, to[e]!, info[e]!, both[e]!] as (string | number)[])
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
        rows: routes
          .map((route) =>
            route <= maxId
              ? { route: text(route), post: routePost[route]!, count: routeLines[route]! }
              : { route: text(route), ...localRoutes.get(route)! },
          )
          .sort((a, b) => b.count - a.count || a.route.localeCompare(b.route))
          .map((r) => [r.route, routeAddress(r.route), text(r.post), r.count]),
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
