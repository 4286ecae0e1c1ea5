/**
 * A whole result set, in sort order, read in batches: what exports walk through. The match runs
 * once; its rowids, in order, are kept as one typed array (4 bytes a hit, the only thing that grows
 * with the result) and, for SQL joins over the whole set (the GEXF cited nodes), in a private temp
 * table. No statement stays open between batches: callers may use the connection meanwhile.
 */
import type { Db } from "../store/db.js";
import type { QueryNode } from "./ast.js";
import { columnsIfFresh } from "./columns.js";
import type { Plan } from "./compile.js";
import { visibleIds } from "./entity-visibility.js";
import { allInOrder, matchIds, sortKeys } from "./hits.js";
import { planQuery } from "./plan.js";
import type { SortOrder } from "./types.js";

let serial = 0;

export class ResultSet {
  /** Name of the temp table holding the rowid (`id`) of every hit. */
  readonly table: string;
  readonly total: number;
  readonly plan: Plan;
  private readonly ordered: Int32Array;
  private closed = false;

  constructor(
    private readonly db: Db,
    node: QueryNode,
    order: SortOrder = "created",
  ) {
    this.plan = planQuery(db, node).plan;
    const ids = visibleIds(db, node, matchIds(db, this.plan), (n) =>
      matchIds(db, planQuery(db, n).plan),
    );
    const keys = sortKeys(db, this.plan, order, ids, ids.length > 5000 ? columnsIfFresh(db) : null);
    this.ordered = Int32Array.from(allInOrder({ ids, keys }), (i) => ids[i]!);
    this.total = ids.length;
    this.table = `result_set_${process.pid}_${++serial}`;
    db.exec(`CREATE TEMP TABLE ${this.table} (id INTEGER PRIMARY KEY)`);
    const insert = db.prepare(`INSERT INTO temp.${this.table} (id) SELECT value FROM json_each(?)`);
    for (let i = 0; i < ids.length; i += 10_000) {
      insert.run(JSON.stringify(Array.from(ids.subarray(i, i + 10_000))));
    }
  }

  /** Cable rowids in sort order, `size` at a time. */
  *batches(size = 500): Generator<number[]> {
    for (let i = 0; i < this.ordered.length; i += size) {
      yield Array.from(this.ordered.subarray(i, i + size));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}
