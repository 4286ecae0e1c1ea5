/**
 * A search on PostgreSQL with the columnar copy (./columns.ts): SQL finds the matches once and
 * sends their ids (4 bytes each) and the relevance scores it alone can compute (every match's while
 * there are at most rankAll, else the subject tier's); Node then computes date keys, the page, its
 * position, the TAGS / origin / classification / caveat facets, the histogram and, from the entity
 * arrays (./entity-columns.ts), the person / org / place facets exactly as the SQLite back end does
 * (src/search/hits.ts, previous.ts, facets.ts, entity-count.ts). Without fresh entity arrays (an
 * ingest committing), SQL counts the entity facets from `mentions`. The keys are the numbers
 * searchStatement gives, so a cursor from either path opens the same page on the other.
 */
import { ENTITY_TYPES } from "../../store/entities-input.js";
import type { EntityColumns } from "../../store/entity-summary-columns.js";
import type { Sql } from "../../store/postgres/connect.js";
import type { Columns } from "../columns.js";
import { entityFacetsOf } from "../entity-count.js";
import { facetsFromColumns } from "../facets.js";
import { columnDateKeys, firstAfter, type Matches, tieredKeys } from "../hits.js";
import { type PagePosition, pagePosition } from "../previous.js";
import type { EntityFacetCount, SearchResult } from "../types.js";
import { int32s } from "./columns.js";
import {
  entityTop,
  oneRow,
  type PageRow,
  RANK_ALL_PG,
  type StatementInput,
  subjectTier,
  WEIGHTS,
} from "./statement.js";

interface IdsRow {
  total: number;
  ids: Uint8Array | null;
  ranked: Uint8Array | null;
  tier: Uint8Array | null;
  [facet: string]: unknown;
}

/** The one statement: total, ids, scores, and the entity facets unless Node counts them. */
export function idsStatement(
  input: StatementInput,
  entitiesInSql = true,
): { text: string; params: unknown[] } {
  const params = [...input.params];
  const param = (v: unknown, cast: string) => `$${params.push(v)}${cast}`;
  const columns = [
    "(SELECT total FROM n) AS total",
    `(SELECT string_agg(int4send(m.id::int), ''::bytea) FROM m) AS ids`,
  ];
  if (input.sort === "relevance" && input.rank) {
    const rank = param(input.rank, "::tsquery");
    const rankAll = Math.max(0, Math.floor(input.rankAll ?? RANK_ALL_PG));
    const few = `(SELECT total FROM n) <= ${rankAll}`;
    const pairs = "string_agg(int4send(t.id::int) || float8send(t.key), ''::bytea)";
    columns.push(`(SELECT ${pairs} FROM (SELECT m.id, (-ts_rank(${WEIGHTS}, c.tsv, ${rank}))::float8 AS key
        FROM m JOIN cables c ON c.id = m.id WHERE ${few}) t) AS ranked`);
    columns.push(
      input.subject
        ? `(SELECT ${pairs} FROM (${subjectTier(input.subject, few, rank)}) t) AS tier`
        : "NULL::bytea AS tier",
    );
  }
  if (input.facets && entitiesInSql) {
    const L = param(input.facets.limit, "::int");
    const pub = input.facets.pub;
    columns.push(...ENTITY_TYPES.map((t) => `${entityTop(t, L, pub)} AS ${t}`));
  }
  const text = `WITH m AS MATERIALIZED (SELECT c.id FROM cables c WHERE (${input.where})),
    n AS MATERIALIZED (SELECT count(*)::int AS total FROM m)
    SELECT ${columns.join(",\n")}`;
  return { text, params };
}

/** (int4 id, float8 score) pairs as a score per id, NaN where there is none. */
function scoresById(bytes: Uint8Array | null, size: number): Float64Array {
  const out = new Float64Array(size).fill(Number.NaN);
  if (!bytes) return out;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 12 <= bytes.length; at += 12) {
    const id = view.getInt32(at);
    if (id < size) out[id] = view.getFloat64(at + 4);
  }
  return out;
}

function keysFor(input: StatementInput, row: IdsRow, ids: Int32Array, cols: Columns): Float64Array {
  switch (input.sort) {
    case "created":
    case "-created":
      return columnDateKeys(ids, cols, "created", input.sort === "-created");
    case "released":
    case "-released":
      return columnDateKeys(ids, cols, "released", input.sort === "-released");
    default:
      break;
  }
  if (!input.rank) return new Float64Array(ids.length);
  const size = ids.length > 0 ? ids[ids.length - 1]! + 1 : 0;
  if (row.ranked) {
    const scores = scoresById(row.ranked, size);
    return Float64Array.from(ids, (id) => scores[id]!);
  }
  const newest = columnDateKeys(ids, cols, "created", true);
  return tieredKeys(ids, scoresById(row.tier, size), newest);
}

export interface ColumnarAnswer {
  total: number;
  matches: Matches;
  /** Indexes into matches of the page and the one after it (limit + 1 at most). */
  picked: number[];
  position: PagePosition;
  pageRows: Map<number, Omit<PageRow, "key">>;
  facets: Pick<SearchResult, "facets" | "histogram">;
}

/** `entities`: the entity arrays (./entity-columns.ts), or null to count entity facets in SQL. */
export async function searchColumnar(
  tx: Sql,
  cols: Columns,
  entities: EntityColumns | null,
  input: StatementInput,
): Promise<ColumnarAnswer> {
  const r = await oneRow<IdsRow>(tx, idsStatement(input, !entities));
  const ids = int32s(r.ids).sort();
  const matches = { ids, keys: keysFor(input, r, ids, cols) };
  const picked = firstAfter(matches, input.after, input.limit + 1);
  const position = pagePosition(matches, input.after, input.limit);
  const pageIds = picked.slice(0, input.limit).map((i) => ids[i]!);
  const rows = pageIds.length
    ? await tx<Omit<PageRow, "key">[]>`
        SELECT id::int AS id, reference_id, subject, created, created_est, released, origin,
               classification, partial
          FROM cables WHERE id = ANY(${pageIds}::bigint[])`
    : [];
  let facets: ColumnarAnswer["facets"] = { facets: null, histogram: null };
  if (input.facets) {
    const counted = facetsFromColumns(cols, ids, input.facets.limit);
    const named = entities
      ? entityFacetsOf(entities, ids, input.facets.limit)
      : {
          person: r.person as EntityFacetCount[],
          org: r.org as EntityFacetCount[],
          place: r.place as EntityFacetCount[],
        };
    facets = {
      facets: { ...counted.facets!, ...named },
      histogram: counted.histogram,
    };
  }
  return {
    total: r.total,
    matches,
    picked,
    position,
    pageRows: new Map(rows.map((p) => [Number(p.id), p])),
    facets,
  };
}
