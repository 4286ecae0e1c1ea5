/**
 * From a parsed query to the plan that runs it against one archive: a query that is exactly a
 * cable id in the archive becomes a lookup of that cable; anything else is compiled with the
 * archive's catalog (the values fields like `origin:` are matched against).
 */
import { type Db, perConnection } from "../store/db.js";
import { isPublicMode } from "../store/entities-public.js";
import type { QueryNode } from "./ast.js";
import { type Catalog, compile, type Plan } from "./compile.js";
import { queryId } from "./id-query.js";
import { exactCable, idWord } from "./ids.js";
import { expandVariants } from "./variant-terms.js";

function statements(db: Db) {
  return {
    origins: db.prepare<[], { v: string }>(
      // Skip-scan of the origin index: one seek per distinct origin, not one step per cable.
      `WITH RECURSIVE o(v) AS (
         SELECT min(origin) FROM cables
         UNION ALL
         SELECT (SELECT min(origin) FROM cables WHERE origin > o.v) FROM o WHERE o.v IS NOT NULL)
       SELECT v FROM o WHERE v IS NOT NULL`,
    ),
  };
}
const stmts = perConnection(statements);

/** The archive's catalog, each list read at most once per plan and only when a field needs it. */
export function archiveCatalog(db: Db): Catalog {
  const s = stmts(db);
  let origins: string[] | null = null;
  return {
    publicMode: isPublicMode(db),
    origins: () => {
      origins ??= s.origins.all().map((r) => r.v);
      return origins;
    },
  };
}

export interface ArchivePlan {
  plan: Plan;
  /** Set when the query is exactly the id of a cable in the archive. */
  exactId: string | null;
  /** The id-like word of the query (exact or prefix), for suggestions. */
  idWord: string | null;
}

export function planQuery(db: Db, node: QueryNode): ArchivePlan {
  const word = idWord(node);
  // The whole query as an id however written (`05 ALMATY 2121` is three words to the lexer).
  const id = queryId(node);
  const exact = id ? exactCable(db, id, false) : null;
  if (exact) {
    return {
      plan: {
        root: { kind: "ids", sql: "SELECT ?", params: [exact.rowid] },
        fts: null,
        subjectFts: null,
        terms: [],
      },
      exactId: exact.id,
      idWord: word,
    };
  }
  return {
    plan: compile(expandVariants(db, node), archiveCatalog(db)),
    exactId: null,
    idWord: word,
  };
}
