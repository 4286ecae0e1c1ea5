/**
 * Request parameters: every one validated with zod, with caps on length and page size, before any
 * handler sees it. A bad or oversized value is a 400 problem naming the parameter; parameters a
 * route does not know are ignored (cache busters, tracking tags), never used.
 */
import type { Context } from "hono";
import { z } from "zod";
import { EXPORT_FORMATS } from "../export/index.js";
import { SORT_ORDERS as SORTS } from "../search/types.js";
import { ENTITY_TYPES } from "../store/entities-input.js";
import { CITATION_FORMATS } from "./data/citation.js";
import { badRequest } from "./problem.js";

export const MAX_QUERY = 4000;
export const MAX_CURSOR = 2000;
export const MAX_VALUE = 200;
/** Facet filters of one kind, and of all kinds together (each is a term of the query). */
export const MAX_FILTERS = 16;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Longest request target accepted (path and query); longer ones are answered 414. */
export const MAX_URL = 8192;

export { EXPORT_FORMATS, SORTS };

export const FORMATS = ["html", "json"] as const;
/** The search view's representations: the page, its JSON, and every match as a file. */
export const SEARCH_FORMATS = [...FORMATS, ...EXPORT_FORMATS] as const;

const CONTROL = /\p{Cc}/u;

/** An empty form field means "not given". */
export const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** Free text of at most `max` characters, without control characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), {
      message: "control characters are not allowed",
    });

/** A facet value: what the facet lists printed (a TAG, an origin, a classification, a caveat). */
const facetValue = text(MAX_VALUE).refine((s) => !s.includes('"'), {
  message: "double quotes are not allowed",
});

const facetValues = z.preprocess(
  (v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== "")),
  z.array(facetValue).max(MAX_FILTERS, `at most ${MAX_FILTERS} values`),
);

const datePrefix = z
  .string()
  .regex(
    /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
    "a date: YYYY, YYYY-MM or YYYY-MM-DD",
  );

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `at least ${min}`).max(max, `at most ${max}`));

export const formatParam = optional(z.enum(FORMATS)).describe(
  "html (the page) or json (the same data as JSON); the API always answers JSON",
);

/** What narrows a result set: the query text and the facet filters the UI adds to it. */
export const queryShape = {
  q: optional(text(MAX_QUERY)).describe("query language (docs/query-language.md)"),
  tag: facetValues.describe("only cables with this TAG (repeatable)"),
  origin: facetValues.describe("only cables from this origin (repeatable)"),
  classification: facetValues.describe("only cables of this classification (repeatable)"),
  caveat: facetValues.describe("only cables with this caveat (repeatable)"),
  from: optional(datePrefix).describe("created on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
  to: optional(datePrefix).describe("created on or before (the whole period given)"),
};

const sortParam = optional(z.enum(SORTS)).describe("order (default relevance; exports: created)");

export const searchParams = z.object({
  ...queryShape,
  sort: sortParam,
  cursor: optional(
    z
      .string()
      .max(MAX_CURSOR, `at most ${MAX_CURSOR} characters`)
      .regex(/^[A-Za-z0-9_-]+$/, "not a cursor"),
  ).describe("`next` of the previous page"),
  limit: optional(integer(1, MAX_PAGE_SIZE)).describe(
    `hits per page (default ${DEFAULT_PAGE_SIZE})`,
  ),
  page: optional(integer(1, 100_000_000)).describe(
    'number of the page shown: only for the "results 21-40" line, the cursor does the paging',
  ),
  format: optional(
    z.enum(SEARCH_FORMATS, { message: `one of ${SEARCH_FORMATS.join(", ")}` }),
  ).describe(
    "json (default for /api/search; html for /search): this page of hits; csv, jsonl or gexf: every match as a file, as /api/export",
  ),
});
export type SearchParams = z.infer<typeof searchParams>;

export const exportParams = z.object({
  ...queryShape,
  format: z
    .enum(EXPORT_FORMATS, { message: `one of ${EXPORT_FORMATS.join(", ")}` })
    .describe("csv (one row per cable), jsonl (Cable JSON lines) or gexf (the reference graph)"),
  sort: sortParam,
});
export type ExportParams = z.infer<typeof exportParams>;

export const graphParams = z.object({
  hops: optional(integer(0, 5)).describe("REF edges away (default 2)"),
  limit: optional(integer(1, 500)).describe("node cap (default 200)"),
  format: formatParam,
});

export const listParams = z.object({
  cursor: searchParams.shape.cursor,
  page: searchParams.shape.page,
  format: formatParam,
});

export const formatOnly = z.object({ format: formatParam });

/** `/cables/:id/cite`: one cable, or one paragraph of it. */
export const citeParams = z.object({
  format: z.enum(CITATION_FORMATS, { message: `one of ${CITATION_FORMATS.join(", ")}` }),
  p: optional(integer(1, 100_000)),
});

/** `/api/cite`: every cable of a query. */
export const citeListParams = z.object({
  ...queryShape,
  format: citeParams.shape.format,
  sort: optional(z.enum(SORTS)),
});

/** The result list a reader was opened from, when its parameters are in the reader's URL. */
export const readerContextParams = z.object({
  ...queryShape,
  sort: optional(z.enum(SORTS)),
  format: formatParam,
});

/** `/entities` and `/api/entities`: a lookup by words of a name. */
export const entityListParams = z.object({
  q: optional(text(MAX_VALUE)).describe("words of the name, the last one a prefix"),
  type: optional(
    z.enum(ENTITY_TYPES as ["person", "org", "place"], { message: "person, org or place" }),
  ).describe("only entities of this type"),
  limit: optional(integer(1, 500)).describe("entities listed (default 100)"),
  format: formatParam,
});

/** `/entities/:id` and `/api/entities/:id`: which page of the entity's cables. */
export const entityPageParams = z.object({
  after: optional(text(200)).describe(
    "the `next` cursor of the page before: the entity's cables after it, newest first",
  ),
  format: formatParam,
});

/** `/api/entities/network.gexf`: the people's co-mention network. */
export const entityNetworkParams = z.object({
  limit: optional(integer(1, 500)).describe("people kept, most cited first (default 300)"),
  min: optional(integer(1, 1000)).describe("least number of cables naming both (default 1)"),
});

export const entityIdParam = z
  .string()
  .regex(/^(?:person|org|place)-[a-z0-9-]{1,80}$/, "not an entity id");

/** A value in a browse path (`/browse/origin/Embassy Paris`): a facet value. */
export const browseValueParam = facetValue;

/** A cable id as written in a path: letters, digits, spaces; canonicalised by the handler. */
export const idParam = text(64).refine((s) => /^[0-9A-Za-z ._-]+$/.test(s), {
  message: "not a cable id",
});

/**
 * Refuses a query string whose percent-encoding is not UTF-8 (`q=%ff`): decoded leniently it would
 * silently become other text (the word "ff").
 */
function checkEncoding(url: string): void {
  const search = url.indexOf("?") < 0 ? "" : url.slice(url.indexOf("?") + 1).split("#")[0]!;
  for (const pair of search.split("&")) {
    if (!pair.includes("%")) continue;
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    for (const part of eq < 0 ? [pair] : [key, pair.slice(eq + 1)]) {
      try {
        decodeURIComponent(part.replace(/\+/g, " "));
      } catch {
        let name = key;
        try {
          name = decodeURIComponent(key);
        } catch {}
        throw badRequest(
          `${name.slice(0, 40)}: not valid percent-encoded UTF-8 ('${part.slice(0, 40)}')`,
          { param: name.slice(0, 40) },
        );
      }
    }
  }
}

/** The query string as a record: a key given twice becomes an array (only list parameters take one). */
export function rawQuery(c: Context): Record<string, string | string[]> {
  checkEncoding(c.req.url);
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries())) {
    out[k] = v.length === 1 ? v[0]! : v;
  }
  return out;
}

function describe(error: z.ZodError, name?: string): { detail: string; param: string | undefined } {
  const issue = error.issues[0];
  const param = issue?.path[0] === undefined ? name : String(issue.path[0]);
  const message =
    issue?.code === "invalid_type" && issue.expected === "string"
      ? "given more than once"
      : (issue?.message ?? "invalid");
  return { detail: param ? `${param}: ${message}` : message, param };
}

/** Validates a value with a schema or throws a 400 problem naming the parameter (`name` for a lone value). */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  name?: string,
): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { detail, param } = describe(r.error, name);
  throw badRequest(detail, param ? { param } : {});
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return validate(schema, rawQuery(c));
}
